export interface ClusterSummary {
  /** Mean of each feature in the cluster, in the features' own units. */
  means: readonly number[];
  size: number;
  /** Most frequent categories among the cluster's interactions, best first. */
  topCategories: readonly string[];
  /** Mean R, F, M scores. */
  rfm?: { r: number; f: number; m: number };
}

/**
 * Describes a cluster in words by what sets it apart: the features whose
 * cluster mean lies furthest from the population mean (in population
 * standard deviations, at least 0.5), then its RFM and top categories.
 * Method: standardised mean differences (Cohen's d against the population).
 *
 * Example: `describeCluster({ means: [2000], size: 10, topCategories: ['motorsport'] }, { labels: ['monetary'], means: [500], sds: [500] })`
 * is "much higher monetary; top categories: motorsport".
 */
export function describeCluster(
  cluster: ClusterSummary,
  population: { labels: readonly string[]; means: readonly number[]; sds: readonly number[] },
): string {
  const standout = cluster.means
    .map((mean, j) => ({ label: population.labels[j], z: population.sds[j] > 0 ? (mean - population.means[j]) / population.sds[j] : 0 }))
    .filter((x) => Math.abs(x.z) >= 0.5)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, 3)
    .map((x) => `${Math.abs(x.z) >= 1.5 ? 'much ' : ''}${x.z > 0 ? 'higher' : 'lower'} ${x.label}`);
  const parts = [standout.length > 0 ? standout.join(', ') : 'close to the average member'];
  if (cluster.rfm) parts.push(`RFM ${cluster.rfm.r.toFixed(1)}/${cluster.rfm.f.toFixed(1)}/${cluster.rfm.m.toFixed(1)}`);
  if (cluster.topCategories.length > 0) parts.push(`top categories: ${cluster.topCategories.slice(0, 3).join(', ')}`);
  return parts.join('; ');
}
