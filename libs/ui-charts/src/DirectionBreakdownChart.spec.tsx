import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DirectionBreakdownChart } from './DirectionBreakdownChart';

const rows = [
  { direction: 'knowledge->knowledge', model: 0.45, baseline: 0.09 },
  { direction: 'knowledge->partner', model: 0.25, baseline: 0.23 },
  { direction: 'partner->knowledge', model: 0.31, baseline: 0.08 },
  { direction: 'partner->partner', model: 0.22, baseline: 0.19 },
];

describe('DirectionBreakdownChart', () => {
  it('names each direction under its bars on two lines, "from" over "→ to", so all four fit a half-width card', () => {
    const { container } = render(<DirectionBreakdownChart rows={rows} width={460} animate={false} />);
    const labels = [...container.querySelectorAll('.recharts-cartesian-axis-tick-label text')]
      .map((text) => [...text.querySelectorAll('tspan')].map((line) => line.textContent))
      .filter((lines) => lines.length === 2);
    expect(labels).toEqual([
      ['knowledge', '→ knowledge'],
      ['knowledge', '→ partner'],
      ['partner', '→ knowledge'],
      ['partner', '→ partner'],
    ]);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(8);
  });
});
