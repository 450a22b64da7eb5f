import { createSeededRandom } from './seeded-random';
import { requireIntegerAtLeast } from './validation';

/** One searched parameter: a log-scale range, optionally snapped to powers of two (factors). */
export interface SearchDimension {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** 'power-of-two' snaps to 2^k (latent factors); otherwise 3 significant digits. */
  readonly snap?: 'power-of-two';
}

export type SearchPoint = Readonly<Record<string, number>>;

export interface ScoredPoint {
  readonly point: SearchPoint;
  /** Higher is better (validation NDCG@10). */
  readonly score: number;
}

export interface ProposeOptions {
  readonly seed: number;
  /** Points drawn at random (Latin hypercube over the box) before refining around the best; default 4. */
  readonly initialPoints?: number;
  /** Tried first when given (the requested parameters). */
  readonly start?: SearchPoint;
}

/** Log-scale ranges wide enough for real data: Online Retail's best ALS has regularisation 30, MovieLens-like data alpha 2. */
export const ALS_SEARCH_SPACE: readonly SearchDimension[] = [
  { name: 'factors', min: 8, max: 256, snap: 'power-of-two' },
  { name: 'alpha', min: 0.1, max: 100 },
  { name: 'regularization', min: 0.01, max: 1000 },
];

/** EASE's one parameter, λ (Steck 2019 used 200-1000; Online Retail's best is about 100). */
export const EASE_SEARCH_SPACE: readonly SearchDimension[] = [{ name: 'lambda', min: 1, max: 10_000 }];

/**
 * The next point to try in a search of a log-scaled box, from the points tried
 * so far and their scores: random search first (Bergstra & Bengio 2012,
 * "Random search for hyper-parameter optimization", JMLR 13), as a Latin
 * hypercube so the first `initialPoints` cover every range evenly, then a
 * compass search around the best point so far (ties to the earlier): one
 * parameter moved a decade up or down (factors x4), or two continuous ones
 * together, the step halving once every neighbour at it was tried (see
 * compassMove); values sit on a lattice of 1/32 decade (3 significant digits). A point already tried
 * is never proposed again while an untried one can be found. Stateless and seeded: the same
 * seed and the same scores give the same search.
 *
 * Example: proposeSearchPoint(ALS_SEARCH_SPACE, [], {seed: 1, start: {factors: 16, alpha: 5, regularization: 1}})
 * is the start point itself.
 */
export function proposeSearchPoint(space: readonly SearchDimension[], tried: readonly ScoredPoint[], options: ProposeOptions): SearchPoint {
  const fn = 'proposeSearchPoint';
  const initial = options.initialPoints ?? 4;
  requireIntegerAtLeast(fn, 'initialPoints', initial, 1);
  if (space.length === 0) throw new RangeError(`${fn} requires at least one dimension`);
  for (const d of space) {
    if (!(d.min > 0 && d.max >= d.min && Number.isFinite(d.max))) {
      throw new RangeError(`${fn} requires 0 < min <= max for ${d.name}, got ${d.min}..${d.max}`);
    }
  }
  const seen = new Set(tried.map((t) => keyOf(space, t.point)));
  const n = tried.length;
  // The requested point is tried as asked (only clamped, factors snapped), not moved onto the lattice.
  if (n === 0 && options.start !== undefined)
    return snapPoint(
      space,
      space.map((d) => clamp(d, options.start![d.name])),
      false,
    );

  const random = createSeededRandom(options.seed * 1_000_003 + n);
  const offset = options.start !== undefined ? 1 : 0;
  const stratum = n - offset;
  if (stratum < initial) {
    // Latin hypercube: dimension d's permutation of the strata comes from its own seeded stream.
    const units = space.map((_, d) => {
      const permutation = seededPermutation(initial, options.seed * 31 + d);
      return (permutation[stratum] + random()) / initial;
    });
    const point = snapPoint(
      space,
      space.map((d, i) => fromUnit(d, units[i])),
    );
    if (!seen.has(keyOf(space, point))) return point;
  }

  // Compass search from the best point: replay the refinements so far to know the current step.
  const firstRefinement = Math.min(n, offset + initial);
  let best = tried[0];
  for (let t = 1; t < firstRefinement; t++) if (tried[t].score > best.score) best = tried[t];
  let level = 0;
  let momentum: Momentum | null = null;
  for (let t = firstRefinement; t < n; t++) {
    const proposed = compassMove(space, best, level, tried.slice(0, t), momentum);
    if (proposed !== null) level = proposed.level;
    const improved = tried[t].score > best.score;
    // A move that improved is tried again first from the new best (a pattern move).
    momentum = improved && proposed !== null && keyOf(space, proposed.point) === keyOf(space, tried[t].point) ? proposed.momentum : null;
    if (improved) best = tried[t];
  }
  const move = compassMove(space, best, level, tried, momentum);
  if (move !== null) return move.point;
  // Every neighbour at every step was tried (a tiny space): a fresh random point.
  return snapPoint(
    space,
    space.map((d) => fromUnit(d, random())),
  );
}

/** Steps of the compass search in decades (log10) for ranges, in doublings (log2) for powers of two. */
const DECADE_STEPS = [1, 0.5, 0.25, 0.125, 0.0625, 0.03125];
const DOUBLING_STEPS = [2, 1];
/** Continuous values are snapped to 1/LATTICE of a decade: the finest compass step. */
const LATTICE = 32;

/**
 * The first untried neighbour of `best` at the smallest step level >= `level`
 * that still has one (Kolda, Lewis & Torczon 2003, "Optimization by direct
 * search", SIAM Review 45(3): compass search, the step shrinking when every
 * neighbour was tried without improvement). Neighbours: one dimension moved
 * up, then down, dimension by dimension; then two continuous dimensions moved
 * together, both the same way and opposite ways. The pairs matter for ALS:
 * scaling alpha and the regularisation together leaves the objective nearly
 * unchanged (c = 1 + alpha·r, so both terms scale), a ridge that moves along
 * one axis at a time can only climb in tiny zig-zags.
 */
type Move = readonly (readonly [dimension: number, sign: number])[];
type Momentum = Move;

function compassMoves(space: readonly SearchDimension[]): Move[] {
  const moves: Move[] = [];
  space.forEach((_, d) => moves.push([[d, 1]], [[d, -1]]));
  for (let a = 0; a < space.length; a++) {
    for (let b = a + 1; b < space.length; b++) {
      if (space[a].snap !== undefined || space[b].snap !== undefined) continue;
      moves.push(
        [
          [a, 1],
          [b, 1],
        ],
        [
          [a, -1],
          [b, -1],
        ],
        [
          [a, 1],
          [b, -1],
        ],
        [
          [a, -1],
          [b, 1],
        ],
      );
    }
  }
  return moves;
}

function compassMove(
  space: readonly SearchDimension[],
  best: ScoredPoint,
  level: number,
  tried: readonly ScoredPoint[],
  momentum: Momentum | null,
): { point: SearchPoint; level: number; momentum: Momentum } | null {
  const seen = new Set(tried.map((t) => keyOf(space, t.point)));
  const moves: Move[] = momentum !== null ? [momentum, ...compassMoves(space)] : compassMoves(space);
  for (let l = level; l < DECADE_STEPS.length; l++) {
    for (const move of moves) {
      const values = space.map((d) => best.point[d.name]);
      let inRange = true;
      for (const [dimension, sign] of move) {
        const d = space[dimension];
        const steps = d.snap === 'power-of-two' ? DOUBLING_STEPS : DECADE_STEPS;
        if (l >= steps.length) {
          inRange = false;
          break;
        }
        const value = d.snap === 'power-of-two' ? values[dimension] * 2 ** (sign * steps[l]) : values[dimension] * 10 ** (sign * steps[l]);
        if (value > d.max * 1.0001 || value < d.min / 1.0001) {
          inRange = false;
          break;
        }
        values[dimension] = value;
      }
      if (!inRange) continue;
      const point = snapPoint(space, values);
      if (!seen.has(keyOf(space, point))) return { point, level: l, momentum: move };
    }
  }
  return null;
}

function fromUnit(d: SearchDimension, u: number): number {
  const lo = Math.log10(d.min);
  const hi = Math.log10(d.max);
  return 10 ** (lo + (hi - lo) * u);
}

function clamp(d: SearchDimension, value: number | undefined): number {
  const v = value === undefined || !Number.isFinite(value) ? Math.sqrt(d.min * d.max) : value;
  return Math.min(d.max, Math.max(d.min, v));
}

function snapPoint(space: readonly SearchDimension[], values: readonly number[], lattice = true): SearchPoint {
  const point: Record<string, number> = {};
  space.forEach((d, i) => {
    const v = values[i];
    // Continuous values sit on a lattice of 1/32 decade (the compass's finest step), so a point reached by
    // two paths (10 up then down a half decade) is the same point and is not tried twice as 10 and 9.99.
    const snapped =
      d.snap === 'power-of-two'
        ? 2 ** Math.round(Math.log2(v))
        : Number((lattice ? 10 ** (Math.round(Math.log10(v) * LATTICE) / LATTICE) : v).toPrecision(3));
    point[d.name] = Math.min(d.max, Math.max(d.min, snapped));
  });
  return point;
}

/** A point's identity on the lattice, so the requested point (kept as asked, e.g. alpha 5) and its lattice neighbour (4.87) count as one. */
function keyOf(space: readonly SearchDimension[], point: SearchPoint): string {
  return space.map((d) => (d.snap === 'power-of-two' ? point[d.name] : Math.round(Math.log10(point[d.name]) * LATTICE))).join('/');
}

function seededPermutation(n: number, seed: number): number[] {
  const random = createSeededRandom(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}
