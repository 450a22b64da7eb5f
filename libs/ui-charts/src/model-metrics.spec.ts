import { describe, expect, it } from 'vitest';
import { lossSeries, versionSeries } from './model-metrics';

describe('model metric series', () => {
  it('orders versions, labels the active one and drops unevaluated versions', () => {
    const series = versionSeries([
      { version: 3, ndcg: 0.3, baselineNdcg: 0.2, active: true },
      { version: 1, ndcg: 0.25, baselineNdcg: 0.2 },
      { version: 2, ndcg: null, baselineNdcg: null },
    ]);
    expect(series.map((p) => p.label)).toEqual(['v1', 'v3 (active)']);
  });

  it('numbers iterations from 1', () => {
    expect(lossSeries([0.5, 0.4])).toEqual([
      { iteration: 1, loss: 0.5 },
      { iteration: 2, loss: 0.4 },
    ]);
  });
});
