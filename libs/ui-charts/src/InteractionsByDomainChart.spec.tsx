import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { InteractionsByDomainChart } from './InteractionsByDomainChart';

const points = Array.from({ length: 14 }, (_, i) => ({
  day: `2024-05-${String(i + 1).padStart(2, '0')}`,
  KNOWLEDGE: 100 + i,
  PARTNER: 20 + (i % 3),
}));

describe('InteractionsByDomainChart', () => {
  it('draws an area and an average line per domain, with a Knowledge / Partner legend', () => {
    const { container } = render(<InteractionsByDomainChart points={points} width={640} height={300} animate={false} />);
    const root = screen.getByTestId('interactions-chart');
    expect(root.querySelector('svg')).not.toBeNull();
    expect(container.querySelectorAll('.recharts-area')).toHaveLength(2);
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    const legend = container.querySelector('.recharts-legend-wrapper');
    expect(legend?.textContent).toContain('Knowledge');
    expect(legend?.textContent).toContain('Partner');
    expect(legend?.textContent).not.toContain('average');
  });

  it('says so when there is nothing to draw', () => {
    render(<InteractionsByDomainChart points={[]} width={640} />);
    expect(screen.getByTestId('interactions-chart').textContent).toMatch(/No interactions/);
  });
});
