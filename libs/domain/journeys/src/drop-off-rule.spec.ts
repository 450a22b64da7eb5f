import { describe, expect, it } from 'vitest';
import { compileRule, validateRule } from '@crosslane/domain-segments';
import { dropOffRule } from './drop-off-rule';
import type { FunnelDefinition } from './funnel-types';

const FUNNEL: FunnelDefinition = {
  steps: [
    { type: 'VIEW', category: 'suspension' },
    { type: 'ENROL', category: 'suspension', campaignId: '00000000-0000-4000-8000-000000000001' },
  ],
  windowDays: 14,
  order: 'strict',
};

describe('dropOffRule', () => {
  it('gives the doc comment example, a rule the segment language accepts and compiles to one semi-join', () => {
    const rule = dropOffRule(FUNNEL, 1, 90);
    expect(rule).toEqual({
      dropOff: {
        reached: { type: 'VIEW', category: 'suspension' },
        notFollowedBy: { type: 'ENROL', category: 'suspension' },
        withinDays: 14,
        days: 90,
      },
    });
    expect(validateRule(rule)).toEqual([]);
    const compiled = compileRule(rule, {
      asOf: new Date('2026-11-28T00:00:00Z'),
      carCategories: [],
      segmentRule: () => null,
      propensityVector: () => null,
    });
    expect(compiled.where).toMatch(/^\(m\.id IN \(SELECT f\."memberId"/);
    expect(compiled.params).toContain('suspension');
  });

  it('refuses the first step, which has no drop-off before it', () => {
    expect(() => dropOffRule(FUNNEL, 0, 90)).toThrow('step: must be the index of a step after the first (1 to 1)');
  });
});
