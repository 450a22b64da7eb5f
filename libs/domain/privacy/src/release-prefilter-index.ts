import { PREFILTER_CELLS, SKETCH_TABLES } from './member-set-sketch';
import { sizeWindow } from './disclosure-decision';

/** What the index keeps of one stored release: its sizes and pre-filter signatures, never its sketches. */
export interface PrefilterEntry {
  seq: bigint;
  id: string;
  metric: string;
  populationSize: number;
  populationPrefilter: readonly number[];
  memberCount: number;
  memberPrefilter: readonly number[];
}

/** What one candidate brings: its two set sizes and pre-filter signatures (sketchPrefilter). */
export interface PrefilterProbe {
  populationSize: number;
  populationPrefilter: readonly number[];
  memberCount: number;
  memberPrefilter: readonly number[];
}

const SIGNATURE = SKETCH_TABLES * PREFILTER_CELLS;

/**
 * One partner's released pre-filters, held in memory so the difference check
 * compares them without a query over the size window: the store hands over
 * only the rows written since the last one seen (`add`, in seq order), and
 * `candidates` applies exactly the rule earlierReleasesSql applies in SQL.
 * A release is a candidate when, for its population or its members, the size
 * is within k - 1 and either the signature is not a full 96 cells (rows from
 * before the pre-filter: always read) or table 0's 32 folded cells differ by
 * less than k and all 96 by less than 3 k. Both sums are lower bounds of the
 * set difference (sketchPrefilter), so no release within k is ever left out.
 * Signatures are packed in one Int32Array per side: 10,000 releases take
 * about 7.7 MB.
 *
 * Example: index.add([{ seq: 1n, id: 'a', metric: 'overlap', populationSize: 30, ... }]);
 * index.candidates(['overlap'], [probe of the same sets], 10) gives ['a'].
 */
export class ReleasePrefilterIndex {
  private count = 0;
  private ids: string[] = [];
  private metrics: string[] = [];
  private populationSizes = new Int32Array(1024);
  private memberCounts = new Int32Array(1024);
  private populationSignatures = new Int32Array(1024 * SIGNATURE);
  private memberSignatures = new Int32Array(1024 * SIGNATURE);
  /** Whether each side has a full signature (1 population, 2 members). */
  private full = new Uint8Array(1024);
  private last = 0n;
  private read = false;

  /** The highest seq seen: the store reads only rows past it. */
  get lastSeq(): bigint {
    return this.last;
  }

  get size(): number {
    return this.count;
  }

  /** Whether the store has been read at least once (a partner with no releases yet reads as empty, and is then caught up). */
  get loaded(): boolean {
    return this.read;
  }

  /** Rows read from the store, in ascending seq; a row at or below lastSeq is ignored (a refresh that overlapped another). */
  add(entries: readonly PrefilterEntry[]): void {
    this.read = true;
    for (const e of entries) {
      if (e.seq <= this.last) continue;
      this.grow(this.count + 1);
      const i = this.count++;
      this.ids.push(e.id);
      this.metrics.push(e.metric);
      this.populationSizes[i] = e.populationSize;
      this.memberCounts[i] = e.memberCount;
      let full = 0;
      if (e.populationPrefilter.length === SIGNATURE) {
        this.populationSignatures.set(e.populationPrefilter, i * SIGNATURE);
        full |= 1;
      }
      if (e.memberPrefilter.length === SIGNATURE) {
        this.memberSignatures.set(e.memberPrefilter, i * SIGNATURE);
        full |= 2;
      }
      this.full[i] = full;
      this.last = e.seq;
    }
  }

  /** Ids of the releases of these metrics that could be within k of any probe, newest first (as the store orders them). */
  candidates(metrics: readonly string[], probes: readonly PrefilterProbe[], k: number): string[] {
    for (const p of probes)
      if (p.populationPrefilter.length !== SIGNATURE || p.memberPrefilter.length !== SIGNATURE)
        throw new Error(`ReleasePrefilterIndex.candidates requires pre-filter signatures of ${SIGNATURE} cells`);
    const wanted = new Set(metrics);
    const out: string[] = [];
    for (let i = this.count - 1; i >= 0; i--) {
      if (!wanted.has(this.metrics[i])) continue;
      let near = false;
      for (const p of probes) {
        if (
          this.near(
            this.populationSizes[i],
            (this.full[i] & 1) !== 0,
            this.populationSignatures,
            i,
            p.populationSize,
            p.populationPrefilter,
            k,
          ) ||
          this.near(this.memberCounts[i], (this.full[i] & 2) !== 0, this.memberSignatures, i, p.memberCount, p.memberPrefilter, k)
        ) {
          near = true;
          break;
        }
      }
      if (near) out.push(this.ids[i]);
    }
    return out;
  }

  private near(
    size: number,
    full: boolean,
    signatures: Int32Array,
    i: number,
    probeSize: number,
    probe: readonly number[],
    k: number,
  ): boolean {
    const w = sizeWindow(probeSize, k);
    if (size < w.min || size > w.max) return false;
    if (!full) return true;
    const base = i * SIGNATURE;
    let sum = 0;
    for (let c = 0; c < PREFILTER_CELLS; c++) sum += Math.abs(signatures[base + c] - probe[c]);
    if (sum >= k) return false;
    for (let c = PREFILTER_CELLS; c < SIGNATURE; c++) sum += Math.abs(signatures[base + c] - probe[c]);
    return sum < SKETCH_TABLES * k;
  }

  private grow(needed: number): void {
    if (needed <= this.populationSizes.length) return;
    const capacity = Math.max(needed, this.populationSizes.length * 2);
    const widen = <T extends Int32Array | Uint8Array>(a: T, per: number): T => {
      const next = new (a.constructor as { new (n: number): T })(capacity * per);
      next.set(a);
      return next;
    };
    this.populationSizes = widen(this.populationSizes, 1);
    this.memberCounts = widen(this.memberCounts, 1);
    this.populationSignatures = widen(this.populationSignatures, SIGNATURE);
    this.memberSignatures = widen(this.memberSignatures, SIGNATURE);
    this.full = widen(this.full, 1);
  }
}
