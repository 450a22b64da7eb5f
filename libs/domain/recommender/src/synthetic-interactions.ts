import { buildInteractionMatrix, type InteractionMatrix } from './interaction-matrix';
import { createSeededRandom } from './seeded-random';
import { requireIntegerAtLeast } from './validation';

export interface SyntheticInteractionsOptions {
  readonly users: number;
  readonly items: number;
  /** Taste groups: each item belongs to one, each user prefers one. */
  readonly groups: number;
  /** Distinct items each user has (fewer when the catalogue runs out). */
  readonly itemsPerUser: number;
  /** Share of a user's items drawn from the whole catalogue by popularity instead of from their group; in [0, 1]. */
  readonly noise: number;
  /** Zipf exponent of item popularity; default 1. */
  readonly zipf?: number;
  readonly seed: number;
}

/**
 * A seeded binary member x item matrix with a known structure, for checking
 * the search and the benchmark on data whose best region is known to lie
 * away from the defaults: items have Zipf-distributed popularity (Zipf's law
 * of consumption, Newman 2005, "Power laws, Pareto distributions and Zipf's
 * law") and belong to one of `groups` taste groups; each user draws their
 * items from their group by popularity, except a `noise` share drawn from
 * the whole catalogue by popularity. With much noise and few items per user,
 * the model that generalises best is heavily regularised (close to
 * popularity within the group). Same options, same matrix.
 *
 * Example: generateSyntheticInteractions({users: 2, items: 4, groups: 2, itemsPerUser: 2, noise: 0, seed: 1})
 * has 4 pairs, each user's two items from one group.
 */
export function generateSyntheticInteractions(options: SyntheticInteractionsOptions): InteractionMatrix {
  const fn = 'generateSyntheticInteractions';
  requireIntegerAtLeast(fn, 'users', options.users, 1);
  requireIntegerAtLeast(fn, 'items', options.items, 1);
  requireIntegerAtLeast(fn, 'groups', options.groups, 1);
  requireIntegerAtLeast(fn, 'itemsPerUser', options.itemsPerUser, 1);
  if (!(options.noise >= 0 && options.noise <= 1)) throw new RangeError(`${fn} requires noise in [0, 1], got ${options.noise}`);
  const random = createSeededRandom(options.seed);
  const zipf = options.zipf ?? 1;
  const weight = Array.from({ length: options.items }, (_, i) => 1 / (i + 1) ** zipf);
  // Items are dealt to groups in turn so each group has popular and rare items.
  const groupItems: number[][] = Array.from({ length: options.groups }, () => []);
  for (let i = 0; i < options.items; i++) groupItems[i % options.groups].push(i);
  const cumulative = (list: readonly number[]) => {
    const c = new Float64Array(list.length);
    let s = 0;
    list.forEach((item, k) => (c[k] = s += weight[item]));
    return c;
  };
  const all = Array.from({ length: options.items }, (_, i) => i);
  const allCumulative = cumulative(all);
  const groupCumulative = groupItems.map(cumulative);
  const draw = (list: readonly number[], c: Float64Array) => {
    const u = random() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
  const userIndices: number[] = [];
  const itemIndices: number[] = [];
  for (let u = 0; u < options.users; u++) {
    const g = Math.floor(random() * options.groups);
    const want = Math.min(options.itemsPerUser, options.items);
    const have = new Set<number>();
    // Bounded attempts: a small group can run out of unseen items.
    for (let attempt = 0; have.size < want && attempt < want * 50; attempt++) {
      const fromAll = random() < options.noise || groupItems[g].length === 0;
      have.add(fromAll ? draw(all, allCumulative) : draw(groupItems[g], groupCumulative[g]));
    }
    for (const i of have) {
      userIndices.push(u);
      itemIndices.push(i);
    }
  }
  return buildInteractionMatrix({ userIndices, itemIndices, userCount: options.users, itemCount: options.items });
}
