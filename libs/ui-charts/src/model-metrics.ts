/** One model version's NDCG@10 beside the popularity baseline's, for ModelMetricsChart. */
export interface VersionMetric {
  version: number;
  ndcg: number | null;
  baselineNdcg: number | null;
  active?: boolean;
}

export interface DirectionMetric {
  direction: string;
  model: number | null;
  baseline: number | null;
}

/** Versions in ascending order with a label, dropping those not yet evaluated. */
export function versionSeries(points: readonly VersionMetric[]): (VersionMetric & { label: string })[] {
  return [...points]
    .filter((p) => p.ndcg !== null)
    .sort((a, b) => a.version - b.version)
    .map((p) => ({ ...p, label: `v${p.version}${p.active ? ' (active)' : ''}` }));
}

/** Loss per iteration as chart rows (iteration is 1-based). */
export function lossSeries(loss: readonly number[]): { iteration: number; loss: number }[] {
  return loss.map((value, i) => ({ iteration: i + 1, loss: value }));
}
