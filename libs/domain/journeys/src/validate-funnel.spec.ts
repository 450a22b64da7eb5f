import { describe, expect, it } from 'vitest';
import { assertValidFunnel, validateFunnel } from './validate-funnel';

// The funnels below differ in their steps and order only; each waits the usual two weeks.
function twoWeekFunnel(order: string, ...steps: Record<string, string>[]) {
  return { steps, windowDays: 14, order };
}

const CAR_FUNNEL = twoWeekFunnel(
  'strict',
  { type: 'VIEW', category: 'suspension' },
  { type: 'ENROL', category: 'suspension' },
  { type: 'PURCHASE', domain: 'PARTNER', kind: 'kit' },
);

describe('validateFunnel', () => {
  it('accepts a well-formed funnel and returns a copy, leaving the input alone', () => {
    expect(validateFunnel(CAR_FUNNEL)).toEqual([]);
    const before = JSON.stringify(CAR_FUNNEL);
    const funnel = assertValidFunnel(CAR_FUNNEL);
    funnel.steps[0].category = 'changed';
    expect(JSON.stringify(CAR_FUNNEL)).toBe(before);
  });

  it('names the doc comment example: no steps and a 0-day window', () => {
    expect(validateFunnel({ steps: [], windowDays: 0, order: 'strict' })).toEqual([
      { path: 'steps', message: 'a funnel needs at least 1 step' },
      { path: 'windowDays', message: 'must be a whole number of days from 1 to 365' },
    ]);
  });

  it('names the step and field of bad filters', () => {
    const errors = validateFunnel({
      steps: [{ type: 'LOOK' }, { type: 'VIEW', partnerId: 'acme' }, { type: 'ENROL', domain: 'PARTNER' }, { type: 'VIEW', colour: 'red' }],
      windowDays: 14,
      order: 'sometimes',
    });
    expect(errors.map((e) => e.path)).toEqual(['steps[0].type', 'steps[1].partnerId', 'steps[2].domain', 'steps[3].colour', 'order']);
  });

  it('refuses steps in an order no member can follow', () => {
    const rateThenEnrol = twoWeekFunnel('strict', { type: 'RATING', itemId: '7' }, { type: 'ENROL', itemId: '7' });
    expect(validateFunnel(rateThenEnrol)).toEqual([
      {
        path: 'steps[1].type',
        message: 'step 2 (ENROL) comes after rating the same item in step 1, but a member rates only what they enrolled in or bought',
      },
    ]);
    // In any order the same two steps can both happen.
    expect(validateFunnel({ ...rateThenEnrol, order: 'any' })).toEqual([]);
    const buyTwice = twoWeekFunnel('any', { type: 'PURCHASE', itemId: '7' }, { type: 'PURCHASE', itemId: '7' });
    expect(validateFunnel(buyTwice)[0].path).toBe('steps[1].type');
  });
});
