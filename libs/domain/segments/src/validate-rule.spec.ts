import { describe, expect, it } from 'vitest';
import { validateRule } from './validate-rule';

describe('validateRule', () => {
  it('accepts a rule using every kind of condition', () => {
    const rule = {
      and: [
        { field: 'monetary', op: 'between', value: [100, 900] },
        { field: 'city', op: 'in', value: ['Shanghai', 'Beijing'] },
        { not: { field: 'consentPartnerSharing', op: 'eq', value: false } },
        { or: [{ rfm: { r: [4, 5] } }, { affinity: { domain: 'KNOWLEDGE', category: 'motorsport', op: 'gte', value: 0.2 } }] },
        { behaviour: { types: ['ENROL'], carCategories: true, days: 90, atLeast: 2 } },
        { propensity: { partnerId: '0f0e1c62-8a57-4f7b-9f3e-5b0d2c6f4a11', category: 'wheels', topPercent: 10 } },
        { segment: '3d6f0a9e-2b1c-4c1d-9e8f-7a6b5c4d3e2f' },
      ],
    };
    expect(validateRule(rule)).toEqual([]);
  });

  it('names the path of an unknown field (the doc example)', () => {
    expect(
      validateRule({
        and: [
          { field: 'rScore', op: 'gte', value: 4 },
          { field: 'spendd', op: 'gt', value: 1 },
        ],
      }),
    ).toEqual([{ path: 'rule.and[1].field', message: expect.stringContaining('unknown field "spendd"') }]);
  });

  it('names a wrong value type and a bad operator', () => {
    const errors = validateRule({
      or: [
        { field: 'monetary', op: 'gte', value: 'lots' },
        { field: 'city', op: 'gt', value: 'x' },
        { field: 'frequency', op: 'like', value: 1 },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual(['rule.or[0].value', 'rule.or[1].op', 'rule.or[2].op']);
    expect(errors[0].message).toContain('must be a number for field "monetary"');
    expect(errors[1].message).toContain('operator "gt" does not apply to string field "city"');
    expect(errors[2].message).toContain('bad operator "like"');
  });

  it('refuses a date that does not exist or that PostgreSQL cannot store, in the words every endpoint uses', () => {
    const errors = validateRule({
      or: [
        { field: 'joinedAt', op: 'gte', value: '2024-02-30' },
        { field: 'joinedAt', op: 'lt', value: '-271821-04-20' },
        { field: 'joinedAt', op: 'lt', value: '2024-02-29' },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual(['rule.or[0].value', 'rule.or[1].value']);
    expect(errors[0].message).toBe(
      'must be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999 for field "joinedAt"; got "2024-02-30"',
    );
  });

  it('refuses unknown keys, empty combinators and out-of-range behaviour', () => {
    const errors = validateRule({
      and: [{ or: [] }, { behaviour: { types: ['BUY'], days: 0, atLeast: 2, colour: 'red' } }, { rfm: { r: [5, 4] } }],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'rule.and[0].or',
      'rule.and[1].behaviour.colour',
      'rule.and[1].behaviour.types[0]',
      'rule.and[1].behaviour.days',
      'rule.and[2].rfm.r',
    ]);
  });

  it('refuses something that is not a rule at all', () => {
    expect(validateRule(null)).toEqual([{ path: 'rule', message: expect.stringContaining('must be an object') }]);
    expect(validateRule({ whatever: 1 })[0].message).toContain('must have one of and, or, not');
  });

  it('does not mutate its input', () => {
    const rule = { and: [{ field: 'monetary', op: 'gt', value: 1 }] };
    const copy = structuredClone(rule);
    validateRule(rule);
    expect(rule).toEqual(copy);
  });
});
