import type { SeededRandom } from '@crosslane/util-random';

/**
 * Draws values with probability proportional to fixed weights, in O(log n)
 * per draw (cumulative sums and binary search). The simulation draws items
 * hundreds of thousands of times from a few dozen fixed popularity tables,
 * where a linear scan per draw would dominate the run time.
 *
 * Example: `new WeightedPicker([7, 8], [0, 1])` always returns 8.
 */
export class WeightedPicker {
  private readonly values: Int32Array;
  private readonly cumulative: Float64Array;

  constructor(values: readonly number[], weights: readonly number[]) {
    if (values.length === 0 || values.length !== weights.length) {
      throw new Error('WeightedPicker requires as many weights as values, and at least one of each');
    }
    this.values = Int32Array.from(values);
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new Error(`WeightedPicker requires non-negative weights, got ${w} at ${i}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (!(total > 0)) throw new Error('WeightedPicker requires a positive total weight');
  }

  get size(): number {
    return this.values.length;
  }

  pick(rng: SeededRandom): number {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

/**
 * Zipf weights for ranks 1..n: 1 / rank^s. With s near 1 a handful of items
 * take most of the traffic and a long tail shares the rest, as catalogue
 * sales do (Anderson, "The Long Tail", 2006; Zipf, 1949).
 *
 * Example: `zipfWeights(3, 1)` is [1, 0.5, 1/3].
 */
export function zipfWeights(n: number, s: number): number[] {
  return Array.from({ length: n }, (_, r) => 1 / (r + 1) ** s);
}
