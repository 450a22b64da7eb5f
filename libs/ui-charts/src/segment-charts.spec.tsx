import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { heatColor, OverlapHeatmap } from './OverlapHeatmap';
import { RfmDistributionChart } from './RfmDistributionChart';
import { Sparkline } from './Sparkline';

describe('segment charts', () => {
  it('draws an overlap grid with counts, shaded by Jaccard', () => {
    const segments = [
      { id: 'a', name: 'Alpha' },
      { id: 'b', name: 'Beta' },
    ];
    const cells = [
      { a: 'a', b: 'a', count: 60, jaccard: 1 },
      { a: 'a', b: 'b', count: 40, jaccard: 40 / 60 },
      { a: 'b', b: 'a', count: 40, jaccard: 40 / 60 },
      { a: 'b', b: 'b', count: 40, jaccard: 1 },
    ];
    render(<OverlapHeatmap segments={segments} cells={cells} />);
    const table = screen.getByTestId('overlap-heatmap');
    expect(table.querySelectorAll('td')).toHaveLength(4);
    expect([...table.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['60', '40', '40', '40']);
    expect(heatColor(0)).toBe('rgb(255, 255, 255)');
    expect(heatColor(1)).toBe('rgb(29, 107, 140)');
  });

  it('draws R, F and M bars and a sparkline', () => {
    const buckets = [1, 2, 3, 4, 5].map((score) => ({ score, r: score, f: 6 - score, m: 2 }));
    const { container } = render(<RfmDistributionChart buckets={buckets} width={400} height={200} />);
    expect(container.querySelectorAll('.recharts-bar')).toHaveLength(3);
    render(<Sparkline values={[1, 3, 2]} />);
    expect(screen.getByTestId('sparkline').getAttribute('aria-label')).toBe('trend from 1 to 2');
    render(<Sparkline values={[5]} testId="flat" />);
    expect(screen.getByTestId('flat').textContent).toBe('—');
  });
});
