import { describe, expect, it } from 'vitest';
import { compileRule, countQuery, PropensityUnavailableError, type CompileContext } from './compile-rule';
import type { RuleNode } from './rule-types';

const context: CompileContext = {
  asOf: new Date('2026-06-30T00:00:00Z'),
  carCategories: ['motorsport', 'car-modification'],
  segmentRule: () => null,
  propensityVector: () => null,
};

describe('compileRule', () => {
  it('compiles a comparison to a parameterised condition (the doc example)', () => {
    expect(compileRule({ field: 'monetary', op: 'gte', value: 500 }, context)).toEqual({
      where: 'COALESCE(p.monetary >= $1::numeric, false)',
      params: [500],
    });
  });

  it('keeps every value out of the SQL text', () => {
    const rule: RuleNode = {
      or: [
        { field: 'city', op: 'eq', value: "x'; DROP TABLE member; --" },
        { affinity: { domain: 'KNOWLEDGE', category: "a'b", op: 'gte', value: 0.3 } },
      ],
    };
    const compiled = compileRule(rule, context);
    expect(compiled.where).not.toContain('DROP');
    expect(compiled.where).not.toContain("a'b");
    expect(compiled.params).toEqual(["x'; DROP TABLE member; --", 'KNOWLEDGE', "a'b", 0.3]);
  });

  it('turns behaviour into a grouped semi-join counting from the as-of date', () => {
    const compiled = compileRule({ behaviour: { types: ['ENROL'], carCategories: true, days: 90, atLeast: 2 } }, context);
    expect(compiled.where).toContain('GROUP BY i."memberId" HAVING count(*) >=');
    expect(compiled.where).toContain('JOIN item it');
    expect(compiled.params).toEqual([
      '2026-06-30T00:00:00.000Z',
      90,
      '2026-06-30T00:00:00.000Z',
      ['ENROL'],
      ['motorsport', 'car-modification'],
      [],
      2,
    ]);
  });

  it('numbers parameters on from a given start and combines with AND/OR/NOT', () => {
    const compiled = compileRule(
      { and: [{ rfm: { r: [4, 5] } }, { not: { field: 'consentPartnerSharing', op: 'eq', value: true } }] },
      context,
      3,
    );
    expect(compiled.where).toBe(
      '(COALESCE(p."rScore" BETWEEN $3::int AND $4::int, false) AND (NOT COALESCE(m."consentPartnerSharing" = $5::boolean, false)))',
    );
    expect(countQuery(compiled)).toMatch(/^SELECT count\(\*\)::int AS count FROM member m LEFT JOIN member_profile p/);
  });

  it('inlines a referenced rule segment, and uses stored membership otherwise', () => {
    const inner: RuleNode = { field: 'frequency', op: 'gte', value: 3 };
    const withRule = compileRule({ segment: '00000000-0000-4000-8000-00000000000b' }, { ...context, segmentRule: () => inner });
    expect(withRule.where).toBe('COALESCE(p.frequency >= $1::numeric, false)');
    const stored = compileRule({ segment: '00000000-0000-4000-8000-00000000000b' }, context);
    expect(stored.where).toContain('FROM segment_membership sm');
  });

  it('says which condition needs a model when none is active, and ranks by the dot product when one is', () => {
    const rule: RuleNode = {
      and: [{ rfm: { m: [5, 5] } }, { propensity: { partnerId: '00000000-0000-4000-8000-0000000000aa', topPercent: 10 } }],
    };
    expect(() => compileRule(rule, context)).toThrow(PropensityUnavailableError);
    expect(() => compileRule(rule, context)).toThrow('rule.and[1].propensity: propensity needs an active recommender model');
    const compiled = compileRule(rule, { ...context, propensityVector: () => [0.5, -1] });
    expect(compiled.where).toContain('unnest(pp."latentFactors"');
    expect(compiled.params).toContainEqual([0.5, -1]);
  });
});
