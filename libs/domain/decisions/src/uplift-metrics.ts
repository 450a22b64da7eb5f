import { SeededRandom } from '@crosslane/domain-demo-world';

/**
 * Uplift evaluation, reproducing scikit-uplift 0.5 (sklift.metrics) exactly:
 * `qini_curve`, `perfect_qini_curve`, `qini_auc_score` (negative_effect=True)
 * and `uplift_at_k`. Source: N. Radcliffe (2007), "Using control groups to
 * target on predicted lift", Direct Marketing Analytics Journal; code at
 * https://github.com/maks-sh/scikit-uplift/blob/master/sklift/metrics/metrics.py.
 * benchmarks/decisions/uplift_ref.py re-implements the same in numpy.
 *
 * Example: qiniAucScore([1, 0, 1, 0], [0.9, 0.5, 0.1, 0.5], [1, 1, 0, 0]) = 1: the
 * treated converter first, the control converter last, is the perfect order.
 */

/** Units sorted by descending score, ties kept in reverse input order (numpy's argsort(kind='mergesort')[::-1]). */
function descendingOrder(scores: ArrayLike<number>): number[] {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  idx.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return idx.reverse();
}

export interface QiniCurve {
  /** Number of units targeted (0 first). */
  readonly x: number[];
  /** Incremental outcomes: y_treated - y_control · n_treated / n_control among those targeted. */
  readonly y: number[];
}

export function qiniCurve(outcomes: ArrayLike<number>, uplift: ArrayLike<number>, treatment: ArrayLike<number>): QiniCurve {
  const n = outcomes.length;
  if (uplift.length !== n || treatment.length !== n) throw new Error('qiniCurve requires outcomes, uplift and treatment of one length');
  const order = descendingOrder(uplift);
  const x: number[] = [];
  const y: number[] = [];
  let nT = 0;
  let yT = 0;
  let yC = 0;
  for (let k = 0; k < n; k += 1) {
    const i = order[k]!;
    if (treatment[i]) {
      nT += 1;
      yT += outcomes[i]!;
    } else yC += outcomes[i]!;
    const last = k === n - 1;
    // A threshold at each change of score, as sklift's distinct_value_indices.
    if (last || uplift[order[k + 1]!] !== uplift[i]) {
      const all = k + 1;
      const nC = all - nT;
      x.push(all);
      y.push(yT - (nC !== 0 ? (yC * nT) / nC : 0));
    }
  }
  if (x.length === 0 || y[0] !== 0 || x[0] !== 0) {
    x.unshift(0);
    y.unshift(0);
  }
  return { x, y };
}

function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i += 1) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}

/** Qini coefficient: area between the model's Qini curve and random targeting, over the same area for the perfect model. */
export function qiniAucScore(outcomes: ArrayLike<number>, uplift: ArrayLike<number>, treatment: ArrayLike<number>): number {
  const actual = qiniCurve(outcomes, uplift, treatment);
  // Perfect ranking with negative effects: treated converters first, control converters last.
  const perfectScores = Array.from(
    { length: outcomes.length },
    (_, i) => outcomes[i]! * treatment[i]! - outcomes[i]! * (1 - treatment[i]!),
  );
  const perfect = qiniCurve(outcomes, perfectScores, treatment);
  const baseline = trapezoid([0, perfect.x[perfect.x.length - 1]!], [0, perfect.y[perfect.y.length - 1]!]);
  return (trapezoid(actual.x, actual.y) - baseline) / (trapezoid(perfect.x, perfect.y) - baseline);
}

/**
 * Uplift at k: treated minus control outcome rate among the top k of units by
 * score. 'overall' takes the top floor(n·k) of all units; 'by_group' the top
 * floor(n_t·k) treated and floor(n_c·k) control units.
 */
export function upliftAtK(
  outcomes: ArrayLike<number>,
  uplift: ArrayLike<number>,
  treatment: ArrayLike<number>,
  k: number,
  strategy: 'overall' | 'by_group' = 'overall',
): number {
  if (!(k > 0 && k <= 1)) throw new Error(`upliftAtK requires k in (0, 1], got ${k}`);
  const order = descendingOrder(uplift);
  let sT = 0;
  let nT = 0;
  let sC = 0;
  let nC = 0;
  if (strategy === 'overall') {
    const size = Math.floor(outcomes.length * k);
    for (let r = 0; r < size; r += 1) {
      const i = order[r]!;
      if (treatment[i]) {
        nT += 1;
        sT += outcomes[i]!;
      } else {
        nC += 1;
        sC += outcomes[i]!;
      }
    }
  } else {
    let totalT = 0;
    for (let i = 0; i < treatment.length; i += 1) totalT += treatment[i] ? 1 : 0;
    const wantT = Math.floor(totalT * k);
    const wantC = Math.floor((treatment.length - totalT) * k);
    for (const i of order) {
      if (treatment[i] && nT < wantT) {
        nT += 1;
        sT += outcomes[i]!;
      } else if (!treatment[i] && nC < wantC) {
        nC += 1;
        sC += outcomes[i]!;
      }
    }
  }
  return sT / nT - sC / nC;
}

export interface BootstrapInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly samples: number;
}

/**
 * Percentile bootstrap interval of the Qini coefficient: resample units with
 * replacement (seeded), rescore, take the alpha/2 and 1 - alpha/2 quantiles.
 * Random targeting has Qini coefficient 0, so an interval above 0 means the
 * model beats random targeting on this split.
 */
export function qiniBootstrap(
  outcomes: ArrayLike<number>,
  uplift: ArrayLike<number>,
  treatment: ArrayLike<number>,
  options: { samples?: number; seed: number; alpha?: number },
): BootstrapInterval {
  const samples = options.samples ?? 200;
  const alpha = options.alpha ?? 0.05;
  const rng = new SeededRandom(options.seed, 'qini-bootstrap');
  const n = outcomes.length;
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  const draws: number[] = [];
  for (let b = 0; b < samples; b += 1) {
    for (let i = 0; i < n; i += 1) {
      const j = Math.floor(rng.next() * n);
      y[i] = outcomes[j]!;
      // The model is not refitted: the interval is for this model on this population, the question asked.
      s[i] = uplift[j]!;
      t[i] = treatment[j]!;
    }
    draws.push(qiniAucScore(y, s, t));
  }
  draws.sort((a, b) => a - b);
  const q = (p: number) => draws[Math.min(samples - 1, Math.max(0, Math.floor(p * samples)))]!;
  return { estimate: qiniAucScore(outcomes, uplift, treatment), lower: q(alpha / 2), upper: q(1 - alpha / 2), samples };
}
