import { describe, expect, it } from 'vitest';
import { assignVariant, hashToUnitInterval } from './assign-variant';
import { sampleRatioMismatch } from './sample-ratio-mismatch';

const fiftyFifty = [
  { key: 'control', weight: 1 },
  { key: 'course', weight: 1 },
];

// Computed independently in Python 3 with a from-the-paper MurmurHash3_x86_32
// (checked against the published vectors in murmur-hash3.spec.ts) and the same mapping:
//   u = murmur3_32(f'{salt}:{member}'.encode('utf-8'), 0) / 2**32, placed on cumulative weights.
// 'spring-wheels-2025:member-42' hashes to u = 0.022958827670663595.
const EXAMPLE_VARIANT = 'control';
const PINNED_ASSIGNMENTS = ['A', 'A', 'B', 'C', 'C', 'A', 'A', 'C'];

describe('assignVariant', () => {
  it('gives the same member the same variant on every call (doc example)', () => {
    const first = assignVariant('member-42', 'spring-wheels-2025', fiftyFifty);
    for (let i = 0; i < 5; i++) expect(assignVariant('member-42', 'spring-wheels-2025', fiftyFifty)).toBe(first);
    expect(first).toBe(EXAMPLE_VARIANT);
  });

  it('is pinned to the hash, so every machine and release agrees', () => {
    // MurmurHash3_x86_32('abc', 0) = 0xb3dd93fa (published vector)
    expect(hashToUnitInterval('abc')).toBe(0xb3dd93fa / 2 ** 32);
    const pinned = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6', 'm-7', 'm-8'].map((m) =>
      assignVariant(m, 'campaign-7', [
        { key: 'A', weight: 1 },
        { key: 'B', weight: 1 },
        { key: 'C', weight: 2 },
      ]),
    );
    expect(pinned).toEqual(PINNED_ASSIGNMENTS);
  });

  it('splits 100,000 sequential member keys in line with the weights (no sample ratio mismatch)', () => {
    const counts = { control: 0, course: 0 };
    for (let i = 0; i < 100000; i++) counts[assignVariant(`member-${i}`, 'spring-wheels-2025', fiftyFifty) as 'control' | 'course']++;
    expect(sampleRatioMismatch([counts.control, counts.course], [1, 1]).flagged).toBe(false);

    const weighted = [
      { key: 'holdout', weight: 10 },
      { key: 'kit', weight: 45 },
      { key: 'course', weight: 45 },
    ];
    const tally = new Map<string, number>();
    for (let i = 0; i < 30000; i++) {
      const v = assignVariant(`m${i}`, 'wheels-x-audio', weighted);
      tally.set(v, (tally.get(v) ?? 0) + 1);
    }
    const srm = sampleRatioMismatch(
      weighted.map((w) => tally.get(w.key) ?? 0),
      weighted.map((w) => w.weight),
    );
    expect(srm.flagged).toBe(false);
  });

  it('assigns independently across campaigns', () => {
    let same = 0;
    for (let i = 0; i < 4000; i++) {
      if (assignVariant(`member-${i}`, 'campaign-a', fiftyFifty) === assignVariant(`member-${i}`, 'campaign-b', fiftyFifty)) same++;
    }
    // independent 50/50 assignments agree half the time: 2000 ± 3 sd (95)
    expect(Math.abs(same - 2000)).toBeLessThan(95);
  });

  it('never assigns a zero-weight variant and accepts a custom hash', () => {
    const variants = [
      { key: 'off', weight: 0 },
      { key: 'on', weight: 3 },
    ];
    for (let i = 0; i < 200; i++) expect(assignVariant(`k${i}`, 's', variants)).toBe('on');
    expect(assignVariant('x', 's', fiftyFifty, { hash: () => 0.49 })).toBe('control');
    expect(assignVariant('x', 's', fiftyFifty, { hash: () => 0.5 })).toBe('course');
  });

  it('does not mutate the variants', () => {
    const variants = [
      { key: 'a', weight: 2 },
      { key: 'b', weight: 1 },
    ];
    const copy = JSON.parse(JSON.stringify(variants));
    assignVariant('m', 's', variants);
    expect(variants).toEqual(copy);
  });

  it('says what it requires', () => {
    expect(() => assignVariant('', 's', fiftyFifty)).toThrow('assignVariant requires a non-empty memberKey string');
    expect(() => assignVariant('m', 's', [])).toThrow('assignVariant requires at least 1 variant');
    expect(() =>
      assignVariant('m', 's', [
        { key: 'a', weight: 1 },
        { key: 'a', weight: 1 },
      ]),
    ).toThrow('assignVariant requires unique, non-empty variant keys, got variants[1].key = "a"');
    expect(() => assignVariant('m', 's', [{ key: 'a', weight: -1 }])).toThrow(
      'assignVariant requires variants[0].weight to be a finite number >= 0, got -1',
    );
    expect(() => assignVariant('m', 's', [{ key: 'a', weight: 0 }])).toThrow('assignVariant requires a positive total weight, got 0');
    expect(() => assignVariant('m', 's', fiftyFifty, { hash: () => 1 })).toThrow(
      'assignVariant requires the hash to return a number in [0, 1), got 1',
    );
  });
});
