import { describe, expect, it } from 'vitest';
import { shapeFunnel } from './funnel-result';
import type { FunnelDefinition } from './funnel-types';

const FUNNEL: FunnelDefinition = {
  steps: [{ type: 'VIEW' }, { type: 'ENROL' }, { type: 'PURCHASE', domain: 'PARTNER' }],
  windowDays: 14,
  order: 'strict',
};

describe('shapeFunnel', () => {
  it('gives step-to-step and overall conversion and names the biggest drop-off (the doc comment example)', () => {
    const [group] = shapeFunnel(FUNNEL, [{ key: 'all', c1: 100, c2: 40, c3: 10, p50_2: 60, p90_2: 600, p50_3: 86400, p90_3: 500000 }]);
    expect(group.steps.map((s) => s.reached)).toEqual([100, 40, 10]);
    expect(group.steps.map((s) => s.dropped)).toEqual([0, 60, 30]);
    expect(group.steps[2].fromPrevious.rate).toBeCloseTo(0.25, 10);
    expect(group.steps[2].overall.rate).toBeCloseTo(0.1, 10);
    expect(group.steps[1].medianSeconds).toBe(60);
    expect(group.biggestDropOff).toEqual({ index: 2, label: 'PURCHASE · PARTNER', lost: 30, share: 0.75 });
  });

  it('answers a range with no data with zeros, and keeps a requested key that matched no one', () => {
    const groups = shapeFunnel(FUNNEL, [], ['seg-a', 'seg-b']);
    expect(groups.map((g) => [g.key, g.entered, g.biggestDropOff])).toEqual([
      ['seg-a', 0, null],
      ['seg-b', 0, null],
    ]);
    expect(groups[0].steps[1].fromPrevious).toEqual({ rate: 0, low: 0, high: 1 });
  });
});
