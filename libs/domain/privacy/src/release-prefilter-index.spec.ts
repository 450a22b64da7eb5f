import { describe, expect, it } from 'vitest';
import { sketchCellsFor, sketchMembers, sketchPrefilter } from './member-set-sketch';
import { ReleasePrefilterIndex, type PrefilterEntry } from './release-prefilter-index';

const K = 10;
const CELLS = sketchCellsFor(K);

/** A seeded generator (LCG), so the sets are the same on every run. */
function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n);
  };
}

function entry(seq: number, metric: string, population: bigint[], members: bigint[]): PrefilterEntry {
  return {
    seq: BigInt(seq),
    id: `r${seq}`,
    metric,
    populationSize: population.length,
    populationPrefilter: sketchPrefilter(sketchMembers(population, CELLS)),
    memberCount: members.length,
    memberPrefilter: sketchPrefilter(sketchMembers(members, CELLS)),
  };
}

const probeOf = (population: bigint[], members: bigint[]) => ({
  populationSize: population.length,
  populationPrefilter: sketchPrefilter(sketchMembers(population, CELLS)),
  memberCount: members.length,
  memberPrefilter: sketchPrefilter(sketchMembers(members, CELLS)),
});

const differenceSize = (a: bigint[], b: bigint[]) => {
  const sa = new Set(a);
  const sb = new Set(b);
  return a.filter((x) => !sb.has(x)).length + b.filter((x) => !sa.has(x)).length;
};

describe('ReleasePrefilterIndex', () => {
  it('never leaves out a release whose population or members differ from the probe by fewer than k (exactness), and rules out unrelated sets', () => {
    const random = seeded(7);
    const base = Array.from({ length: 400 }, (_, i) => BigInt(1000 + i * 3));
    const stored: { population: bigint[]; members: bigint[]; e: PrefilterEntry }[] = [];
    for (let i = 0; i < 300; i++) {
      // Half are the base set with 0 to 2 k changes (some within k, some not), half unrelated sets of similar size.
      const population =
        i % 2 === 0
          ? [...base.slice(random(2 * K)), ...Array.from({ length: random(K) }, (_, j) => BigInt(900_000 + i * 100 + j))]
          : Array.from({ length: 390 + random(20) }, (_, j) => BigInt(2_000_000 + i * 1000 + j));
      const members = population.filter((_, j) => j % 3 === 0);
      stored.push({ population, members, e: entry(i + 1, i % 5 === 0 ? 'export-row' : 'overlap', population, members) });
    }
    const index = new ReleasePrefilterIndex();
    index.add(stored.map((s) => s.e));
    const probePopulation = base.slice(1);
    const probeMembers = probePopulation.filter((_, j) => j % 3 === 0);
    const kept = new Set(index.candidates(['overlap'], [probeOf(probePopulation, probeMembers)], K));
    let within = 0;
    for (const s of stored) {
      const near = differenceSize(s.population, probePopulation) < K || differenceSize(s.members, probeMembers) < K;
      if (near && s.e.metric === 'overlap') {
        within++;
        expect(kept.has(s.e.id)).toBe(true);
      }
      if (s.e.metric !== 'overlap') expect(kept.has(s.e.id)).toBe(false);
    }
    expect(within).toBeGreaterThan(10);
    // The unrelated half is ruled out by its pre-filter, not read.
    const unrelatedKept = stored.filter((s, i) => i % 2 === 1 && kept.has(s.e.id)).length;
    expect(unrelatedKept).toBe(0);
  });

  it('reads only what is new: rows at or below the last seq seen are ignored, and a row without a signature is always a candidate within the size window', () => {
    const index = new ReleasePrefilterIndex();
    const set = Array.from({ length: 50 }, (_, i) => BigInt(i + 1));
    index.add([entry(1, 'overlap', set, set), entry(2, 'overlap', set, set)]);
    index.add([entry(2, 'overlap', set, set)]);
    expect(index.size).toBe(2);
    expect(index.lastSeq).toBe(2n);
    index.add([
      { seq: 3n, id: 'legacy', metric: 'overlap', populationSize: 500, populationPrefilter: [], memberCount: 500, memberPrefilter: [] },
    ]);
    const far = Array.from({ length: 500 }, (_, i) => BigInt(10_000 + i));
    expect(index.candidates(['overlap'], [probeOf(far, far)], K)).toEqual(['legacy']);
    expect(index.candidates(['overlap'], [probeOf(set, set)], K)).toEqual(['r2', 'r1']);
  });

  it('grows past its first capacity without losing a row', () => {
    const index = new ReleasePrefilterIndex();
    const set = Array.from({ length: 20 }, (_, i) => BigInt(i + 1));
    const rows = Array.from({ length: 3000 }, (_, i) => entry(i + 1, 'overlap', i === 2500 ? set : [...set, BigInt(1000 + i)], set));
    index.add(rows);
    expect(index.size).toBe(3000);
    expect(index.candidates(['overlap'], [probeOf(set, set)], K)).toHaveLength(3000);
  });
});
