/** One trial of a hyper-parameter search, as the Models screen has it. */
export interface TuningTrialPoint {
  algorithm?: 'als' | 'ease';
  validationNdcg: number;
}

export interface TuningSeriesRow {
  trial: number;
  /** This trial's validation NDCG@10 under its algorithm's key, so each algorithm is its own scatter series. */
  als?: number;
  ease?: number;
  /** The best validation NDCG@10 found up to and including this trial, over every algorithm. */
  best: number;
}

/**
 * Chart rows of a search, trial by trial (1-based): each trial's validation
 * NDCG@10 under its algorithm and the running best, which is the line a
 * reader follows to see where the search stopped gaining. Trials without an
 * algorithm (searches stored before EASE) count as ALS.
 */
export function tuningSeries(trials: readonly TuningTrialPoint[]): TuningSeriesRow[] {
  let best = -Infinity;
  return trials.map((t, i) => {
    best = Math.max(best, t.validationNdcg);
    return { trial: i + 1, [t.algorithm ?? 'als']: t.validationNdcg, best };
  });
}
