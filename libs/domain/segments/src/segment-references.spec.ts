import { describe, expect, it } from 'vitest';
import type { RuleNode } from './rule-types';
import { segmentReferenceErrors } from './segment-references';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const names = new Map([
  [A, 'A'],
  [B, 'B'],
  [C, 'C'],
]);

describe('segmentReferenceErrors', () => {
  it('finds a two-segment cycle (the doc example)', () => {
    const rules = new Map<string, RuleNode | null>([[B, { segment: A }]]);
    expect(segmentReferenceErrors(A, { segment: B }, rules, names)).toEqual([
      { path: 'rule.segment', message: 'segment reference cycle: A -> B -> A' },
    ]);
  });

  it('finds a longer cycle and a self-reference', () => {
    const rules = new Map<string, RuleNode | null>([
      [B, { segment: C }],
      [C, { and: [{ rfm: { r: [1, 2] } }, { segment: A }] }],
    ]);
    expect(segmentReferenceErrors(A, { not: { segment: B } }, rules, names)[0]).toEqual({
      path: 'rule.not.segment',
      message: 'segment reference cycle: A -> B -> C -> A',
    });
    expect(segmentReferenceErrors(A, { segment: A }, new Map(), names)[0].message).toBe('segment reference cycle: A -> A');
  });

  it('accepts a chain without a cycle and refuses an unknown segment', () => {
    const rules = new Map<string, RuleNode | null>([
      [B, { segment: C }],
      [C, null],
    ]);
    expect(segmentReferenceErrors(A, { segment: B }, rules, names)).toEqual([]);
    expect(
      segmentReferenceErrors(null, { or: [{ segment: B }, { segment: '00000000-0000-4000-8000-0000000000ff' }] }, rules, names),
    ).toEqual([{ path: 'rule.or[1].segment', message: 'unknown segment 00000000-0000-4000-8000-0000000000ff' }]);
  });
});
