import { describe, expect, it } from 'vitest';
import { launchBlockers, validateVariantWeights } from './campaign-rules';

describe('validateVariantWeights', () => {
  it('names the field when the weights do not sum to 1 (doc example)', () => {
    const problems = validateVariantWeights([
      { key: 'control', weight: 0.5, isControl: true },
      { key: 'a', weight: 0.4 },
    ]);
    expect(problems[0].message).toBe('variants weights must sum to 1; they sum to 0.9');
    expect(problems[0].field).toBe('variants');
  });
  it('accepts a valid split and names a bad weight, a duplicate key and a missing control', () => {
    expect(
      validateVariantWeights([
        { key: 'c', weight: 0.34, isControl: true },
        { key: 'a', weight: 0.33 },
        { key: 'b', weight: 0.33 },
      ]),
    ).toEqual([]);
    const problems = validateVariantWeights([
      { key: 'a', weight: -1 },
      { key: 'a', weight: 2 },
    ]);
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['variants[0].weight', 'variants[1].key', 'variants[1].weight', 'variants']),
    );
  });
  it('refuses a single variant', () => {
    expect(validateVariantWeights([{ key: 'c', weight: 1, isControl: true }])[0].field).toBe('variants');
  });
});

describe('launchBlockers', () => {
  it('names the arm, the partner and the threshold (doc example)', () => {
    const blockers = launchBlockers({
      arms: [{ key: 'a', name: 'A', expectedMembers: 20, isControl: false }],
      partners: [{ id: 'p', name: 'Apex', minGroupSize: 50 }],
      minimumEffect: null,
      detectableEffects: {},
    });
    expect(blockers).toHaveLength(1);
    expect(blockers[0].message).toBe('Arm "A" would hold 20 members, below the minimum group size 50 of partner Apex');
    expect(blockers[0]).toMatchObject({ kind: 'BELOW_MIN_GROUP_SIZE', arm: 'a', partnerId: 'p', threshold: 50, actual: 20 });
  });
  it('flags a treatment whose detectable effect is larger than the named effect, and not the control', () => {
    const input = {
      arms: [
        { key: 'control', name: 'Control', expectedMembers: 1000, isControl: true },
        { key: 'kit', name: 'Kit', expectedMembers: 1000, isControl: false },
      ],
      partners: [],
      minimumEffect: 0.01,
      detectableEffects: { kit: 0.03 },
    };
    const blockers = launchBlockers(input);
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toMatchObject({ kind: 'UNDERPOWERED', arm: 'kit', threshold: 0.01, actual: 0.03 });
    expect(blockers[0].message).toBe('Arm "Kit" is underpowered: it can detect 0.03 at 80% power, not the 0.01 named for this campaign');
    expect(launchBlockers({ ...input, effectUnit: 'pp' })[0].message).toBe(
      'Arm "Kit" is underpowered: it can detect 3.00 pp at 80% power, not the 1.00 pp named for this campaign',
    );
    expect(launchBlockers({ ...input, detectableEffects: { kit: 0.005 } })).toEqual([]);
    expect(launchBlockers({ ...input, minimumEffect: null })).toEqual([]);
  });
  it('does not mutate its input', () => {
    const arms = Object.freeze([Object.freeze({ key: 'a', name: 'A', expectedMembers: 10, isControl: false })]);
    expect(() => launchBlockers({ arms, partners: [], minimumEffect: 1, detectableEffects: Object.freeze({ a: 2 }) })).not.toThrow();
  });
});
