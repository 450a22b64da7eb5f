import { createHash } from 'node:crypto';
import { pgHashInt8Extended } from './pg-hash';

/**
 * A member set kept as an invertible Bloom lookup table (IBLT; Goodrich and
 * Mitzenmacher, "Invertible Bloom Lookup Tables", 2011; used for set
 * reconciliation by Eppstein et al., "What's the Difference?", SIGCOMM 2011).
 *
 * Three tables of `cellsPerTable` cells; each member (a bigint id) is added
 * to one cell of each table: the cell counts members, XORs their ids and
 * XORs a check hash of them. Subtracting two sketches cancels the common
 * members, and when the sets differ by a few members (up to about the
 * number of cells) peeling the pure cells lists exactly who is in one set
 * and not the other. So the storage depends on the minimum group size k,
 * not on the size of the set, and the answer is exact precisely when it
 * matters: a difference smaller than k. A difference too large to decode is
 * a difference of more than the table's capacity, which is at least k.
 *
 * Cell positions and check come from PostgreSQL's hashint8extended (see
 * pg-hash.ts), so the database builds the same sketch with one GROUP BY
 * (`memberSetSketchSql` in the API does it).
 *
 * Example: symmetricDifference(sketchMembers([1n,2n,3n], 16), sketchMembers([1n,2n], 16))
 *   gives { decoded: true, onlyInFirst: [3n], onlyInSecond: [] }
 */
export interface MemberSetSketch {
  cellsPerTable: number;
  /** How many members were added. */
  size: number;
  counts: Int32Array;
  ids: BigInt64Array;
  checks: BigInt64Array;
}

export const SKETCH_TABLES = 3;
/** Bits of the 64-bit position hash each table reads: up to 2^16 cells per table. */
export const SKETCH_POSITION_BITS = 16;
export const MAX_CELLS_PER_TABLE = 1 << SKETCH_POSITION_BITS;
/** Seeds of hashint8extended: one for the positions, one for the check. */
export const POSITION_SEED = 0n;
export const CHECK_SEED = 1n;

/**
 * Cells per table for a minimum group size k: a power of two (so a larger
 * sketch folds onto a smaller one) of at least 1.5 k and 32, i.e. at least
 * 4.5 k cells in all, far above the ~1.23 d cells a 3-table IBLT needs to
 * decode a difference of d. The margin is for small tables, where two
 * members sharing all three cells (probability about d^2 / 2m^3) stop the
 * peeling: at k = 50 that is under 1 in 2,000 for a difference of 49.
 * Example: sketchCellsFor(10) === 32; sketchCellsFor(50) === 128
 */
export function sketchCellsFor(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`sketchCellsFor requires a positive integer k; got ${k}`);
  let cells = 32;
  while (cells < Math.ceil(1.5 * k) && cells < MAX_CELLS_PER_TABLE) cells *= 2;
  return cells;
}

/** The three cell indices (table-major) of a member in a sketch of `cellsPerTable`. */
export function sketchCells(id: bigint, cellsPerTable: number): [number, number, number] {
  const h = BigInt.asUintN(64, pgHashInt8Extended(id, POSITION_SEED));
  const mask = BigInt(cellsPerTable - 1);
  return [Number(h & mask), cellsPerTable + Number((h >> 16n) & mask), 2 * cellsPerTable + Number((h >> 32n) & mask)];
}

export function emptySketch(cellsPerTable: number): MemberSetSketch {
  assertCells(cellsPerTable);
  const n = SKETCH_TABLES * cellsPerTable;
  return { cellsPerTable, size: 0, counts: new Int32Array(n), ids: new BigInt64Array(n), checks: new BigInt64Array(n) };
}

/** Builds the sketch of a set of member ids (each id once). Does not keep the ids. */
export function sketchMembers(ids: Iterable<bigint>, cellsPerTable: number): MemberSetSketch {
  const sketch = emptySketch(cellsPerTable);
  for (const id of ids) {
    const check = pgHashInt8Extended(id, CHECK_SEED);
    for (const cell of sketchCells(id, cellsPerTable)) {
      sketch.counts[cell] += 1;
      sketch.ids[cell] ^= id;
      sketch.checks[cell] ^= check;
    }
    sketch.size += 1;
  }
  return sketch;
}

/** A sketch from the rows `SELECT cell, count, xor(id), xor(check)` the database returns. */
export function sketchFromCells(
  cellsPerTable: number,
  size: number,
  rows: readonly { cell: number; n: number; ids: bigint; checks: bigint }[],
): MemberSetSketch {
  const sketch = emptySketch(cellsPerTable);
  for (const row of rows) {
    sketch.counts[row.cell] = row.n;
    sketch.ids[row.cell] = BigInt.asIntN(64, row.ids);
    sketch.checks[row.cell] = BigInt.asIntN(64, row.checks);
  }
  sketch.size = size;
  return sketch;
}

/**
 * The same set in a sketch of fewer cells per table (a power of two that
 * divides the original): cell i of a table lands on i mod target, because
 * positions are the low bits of one hash.
 */
export function foldSketch(sketch: MemberSetSketch, target: number): MemberSetSketch {
  assertCells(target);
  if (target > sketch.cellsPerTable || sketch.cellsPerTable % target !== 0)
    throw new Error(`foldSketch cannot fold ${sketch.cellsPerTable} cells per table onto ${target}`);
  if (target === sketch.cellsPerTable) return sketch;
  const out = emptySketch(target);
  for (let t = 0; t < SKETCH_TABLES; t++) {
    for (let i = 0; i < sketch.cellsPerTable; i++) {
      const from = t * sketch.cellsPerTable + i;
      const to = t * target + (i % target);
      out.counts[to] += sketch.counts[from];
      out.ids[to] ^= sketch.ids[from];
      out.checks[to] ^= sketch.checks[from];
    }
  }
  out.size = sketch.size;
  return out;
}

export type SketchDifference =
  { decoded: true; onlyInFirst: bigint[]; onlyInSecond: bigint[]; size: number } | { decoded: false; cellsPerTable: number };

/**
 * symmetricDifference: who is in one set and not the other, exactly, when
 * the difference is small enough to decode; otherwise `decoded: false`,
 * meaning the sets differ by more than the sketch can list (about the number
 * of cells per table times 2). Sketches of different sizes are compared at
 * the smaller size.
 */
export function symmetricDifference(first: MemberSetSketch, second: MemberSetSketch): SketchDifference {
  const cells = Math.min(first.cellsPerTable, second.cellsPerTable);
  const a = foldSketch(first, cells);
  const b = foldSketch(second, cells);
  const n = SKETCH_TABLES * cells;
  const counts = new Int32Array(n);
  const ids = new BigInt64Array(n);
  const checks = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    counts[i] = a.counts[i] - b.counts[i];
    ids[i] = a.ids[i] ^ b.ids[i];
    checks[i] = a.checks[i] ^ b.checks[i];
  }
  const onlyInFirst: bigint[] = [];
  const onlyInSecond: bigint[] = [];
  const pure = (i: number): boolean => {
    if (counts[i] !== 1 && counts[i] !== -1) return false;
    const id = ids[i];
    return pgHashInt8Extended(id, CHECK_SEED) === checks[i] && sketchCells(id, cells).includes(i);
  };
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (pure(i)) queue.push(i);
  while (queue.length > 0) {
    const i = queue.pop()!;
    if (!pure(i)) continue;
    const id = ids[i];
    const sign = counts[i];
    (sign === 1 ? onlyInFirst : onlyInSecond).push(id);
    const check = pgHashInt8Extended(id, CHECK_SEED);
    for (const cell of sketchCells(id, cells)) {
      counts[cell] -= sign;
      ids[cell] ^= id;
      checks[cell] ^= check;
      if (pure(cell)) queue.push(cell);
    }
  }
  for (let i = 0; i < n; i++) {
    if (counts[i] !== 0 || ids[i] !== 0n || checks[i] !== 0n) return { decoded: false, cellsPerTable: cells };
  }
  return {
    decoded: true,
    onlyInFirst: onlyInFirst.sort(cmp),
    onlyInSecond: onlyInSecond.sort(cmp),
    size: onlyInFirst.length + onlyInSecond.length,
  };
}

/**
 * How many members two sketched sets differ by, when it is fewer than
 * `below`; null when it is at least `below`. Sizes decide first (|A Δ B| is
 * at least ||A| - |B||); a difference the sketch cannot decode counts as at
 * least `below` only when the sketch was sized for it, otherwise the answer
 * is the conservative `below - 1` (treated as too close).
 */
export function differenceBelow(first: MemberSetSketch, second: MemberSetSketch, below: number): number | null {
  if (Math.abs(first.size - second.size) >= below) return null;
  if (countBound(first, second) >= below) return null;
  const diff = symmetricDifference(first, second);
  if (diff.decoded) return diff.size < below ? diff.size : null;
  return diff.cellsPerTable >= sketchCellsFor(below) ? null : below - 1;
}

/**
 * Bytes as stored, column by column so decoding is a copy, not a parse: the
 * 32-bit counts of every cell, then the 64-bit id XORs, then the 64-bit
 * check XORs, little-endian (20 bytes a cell).
 */
export function encodeSketch(sketch: MemberSetSketch): Uint8Array {
  const n = sketch.counts.length;
  const out = new Uint8Array(n * 20);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    view.setInt32(i * 4, sketch.counts[i], true);
    view.setBigInt64(n * 4 + i * 8, sketch.ids[i], true);
    view.setBigInt64(n * 12 + i * 8, sketch.checks[i], true);
  }
  return out;
}

/**
 * A lower bound of |A Δ B| from the counts of the first table alone: every
 * member of the difference changes exactly one of its cells by one. Cheap
 * (integers only), and enough to dismiss most far-apart pairs before peeling.
 */
export function countBound(first: SketchCounts, second: SketchCounts): number {
  const cells = Math.min(first.cellsPerTable, second.cellsPerTable);
  const fold = (s: SketchCounts) => {
    if (s.cellsPerTable === cells) return s.counts.subarray(0, cells);
    const out = new Int32Array(cells);
    for (let i = 0; i < s.cellsPerTable; i++) out[i % cells] += s.counts[i];
    return out;
  };
  const a = fold(first);
  const b = fold(second);
  let bound = 0;
  for (let i = 0; i < cells; i++) bound += Math.abs(a[i] - b[i]);
  return bound;
}

/** Cells per table of the pre-filter: the smallest sketch size (sketchCellsFor never gives fewer), so every sketch folds onto it. */
export const PREFILTER_CELLS = 32;

/**
 * A small signature stored beside each released sketch and compared in SQL,
 * so the store hands back only earlier releases that could be within k:
 * the counts of all three tables folded to PREFILTER_CELLS cells each
 * (96 integers, table-major; cell i of a table lands on i mod 32 because
 * positions are the low bits of one hash, as in foldSketch).
 *
 * Why it never drops a set that is truly within k: every member of A Δ B
 * changes exactly one cell of each table by one, and folding only adds
 * cells together, so for each table sum |a_i - b_i| <= |A Δ B|, hence
 * sum over the 96 cells <= 3 |A Δ B| (prefilterBound). The bound is
 * deterministic, not probabilistic: no keyed hash, no false negatives.
 * Unrelated sets of n members each sit far above it (about
 * 0.8 sqrt(2 n 32) per table: about 110 at n = 300), so at k = 50 almost
 * every stored release is ruled out without being read.
 * Example: prefilterBound(sketchPrefilter(sketchMembers([1n,2n,3n], 32)), sketchPrefilter(sketchMembers([1n,2n], 32))) === 1
 */
export function sketchPrefilter(sketch: SketchCounts): number[] {
  const cells = sketch.cellsPerTable;
  if (cells < PREFILTER_CELLS || cells % PREFILTER_CELLS !== 0)
    throw new Error(`sketchPrefilter requires a multiple of ${PREFILTER_CELLS} cells per table; got ${cells}`);
  const out = new Array<number>(SKETCH_TABLES * PREFILTER_CELLS).fill(0);
  for (let t = 0; t < SKETCH_TABLES; t++) {
    for (let i = 0; i < cells; i++) out[t * PREFILTER_CELLS + (i % PREFILTER_CELLS)] += sketch.counts[t * cells + i];
  }
  return out;
}

/**
 * A lower bound of |A Δ B| from two pre-filter signatures: ceil(sum |a - b| / 3)
 * (see sketchPrefilter). The store's SQL applies it as `sum |a - b| < 3 k`,
 * which every pair within k satisfies.
 */
export function prefilterBound(first: readonly number[], second: readonly number[]): number {
  if (first.length !== second.length)
    throw new Error(`prefilterBound requires signatures of equal length; got ${first.length} and ${second.length}`);
  let sum = 0;
  for (let i = 0; i < first.length; i++) sum += Math.abs(first[i] - second[i]);
  return Math.ceil(sum / SKETCH_TABLES);
}

/** The counts of a sketch: what countBound reads, and the first fifth of the stored bytes. */
export type SketchCounts = Pick<MemberSetSketch, 'cellsPerTable' | 'counts'>;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decodeSketch(bytes: Uint8Array, size: number): MemberSetSketch {
  if (bytes.length % (20 * SKETCH_TABLES) !== 0)
    throw new Error(`decodeSketch requires a multiple of ${20 * SKETCH_TABLES} bytes; got ${bytes.length}`);
  const n = bytes.length / 20;
  const cellsPerTable = n / SKETCH_TABLES;
  assertCells(cellsPerTable);
  if (LITTLE_ENDIAN) {
    // One aligned copy, then typed views over it: no per-cell parsing.
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return {
      cellsPerTable,
      size,
      counts: new Int32Array(copy.buffer, 0, n),
      ids: new BigInt64Array(copy.buffer, n * 4, n),
      checks: new BigInt64Array(copy.buffer, n * 12, n),
    };
  }
  const sketch = emptySketch(cellsPerTable);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) {
    sketch.counts[i] = view.getInt32(i * 4, true);
    sketch.ids[i] = view.getBigInt64(n * 4 + i * 8, true);
    sketch.checks[i] = view.getBigInt64(n * 12 + i * 8, true);
  }
  sketch.size = size;
  return sketch;
}

/** A fingerprint of the set (equal sets, equal fingerprints), from the sketch folded to 16 cells per table. */
export function sketchFingerprint(sketch: MemberSetSketch): string {
  return createHash('sha256')
    .update(encodeSketch(foldSketch(sketch, 16)))
    .update(String(sketch.size))
    .digest('hex')
    .slice(0, 32);
}

function assertCells(cells: number): void {
  if (!Number.isInteger(cells) || cells < 1 || cells > MAX_CELLS_PER_TABLE || (cells & (cells - 1)) !== 0) {
    throw new Error(`A member-set sketch requires a power of two of at most ${MAX_CELLS_PER_TABLE} cells per table; got ${cells}`);
  }
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
