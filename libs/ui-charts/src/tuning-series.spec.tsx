import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TuningSearchChart } from './TuningSearchChart';
import { tuningSeries } from './tuning-series';

const trials = [
  { algorithm: 'ease' as const, validationNdcg: 0.25 },
  { algorithm: 'ease' as const, validationNdcg: 0.28 },
  { algorithm: 'als' as const, validationNdcg: 0.21 },
  { algorithm: 'als' as const, validationNdcg: 0.3 },
];

describe('tuningSeries', () => {
  it('puts each trial under its algorithm and carries the best so far across algorithms', () => {
    expect(tuningSeries(trials)).toEqual([
      { trial: 1, ease: 0.25, best: 0.25 },
      { trial: 2, ease: 0.28, best: 0.28 },
      { trial: 3, als: 0.21, best: 0.28 },
      { trial: 4, als: 0.3, best: 0.3 },
    ]);
  });

  it('counts a trial without an algorithm (stored before EASE) as ALS', () => {
    expect(tuningSeries([{ validationNdcg: 0.2 }])).toEqual([{ trial: 1, als: 0.2, best: 0.2 }]);
  });
});

describe('TuningSearchChart', () => {
  it('draws a dot per trial and the best-so-far line', () => {
    const { container } = render(<TuningSearchChart trials={trials} width={500} />);
    expect(container.querySelectorAll('.recharts-scatter .recharts-symbols')).toHaveLength(4);
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(1);
  });

  it('says so when no trial has finished', () => {
    const { getByTestId } = render(<TuningSearchChart trials={[]} />);
    expect(getByTestId('tuning-search-chart').textContent).toBe('No trial finished yet');
  });
});
