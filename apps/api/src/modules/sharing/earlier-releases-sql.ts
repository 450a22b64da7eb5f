import { Prisma } from '@crosslane/db';
import { PREFILTER_CELLS, SKETCH_TABLES, sizeWindow } from '@crosslane/domain-privacy';

/** What one candidate brings to the store: its two set sizes and pre-filter signatures (sketchPrefilter). */
export interface PrefilterProbe {
  populationSize: number;
  populationPrefilter: readonly number[];
  memberCount: number;
  memberPrefilter: readonly number[];
}

/** The columns disclosureDecision needs of an earlier release. */
export interface EarlierReleaseRow {
  id: string;
  releasedAt: Date;
  metric: string;
  populationSize: number;
  populationSketch: Uint8Array;
  memberCount: number;
  memberSketch: Uint8Array;
  dataVersion: string;
  value: number | null;
  noisy: boolean;
  errorBound: number | null;
}

/**
 * The one query that reads a partner's earlier releases for the difference
 * check, in one round trip: the size window (the (partnerId, populationSize)
 * and (partnerId, memberCount) indexes), then the pre-filter in SQL
 * (sum |a - b| over table 0's 32 folded counts below k, then over all 96
 * below 3 k: each a lower bound of the difference, so nothing within k is
 * ever dropped; member-set-sketch.ts sketchPrefilter says why), and only the rows left carry their full
 * sketches back. Rows stored before the pre-filter (empty signature), or with
 * a signature of any other length, are always read. Used by DisclosureGateService and by the privacy benchmark.
 */
export function earlierReleasesSql(
  partnerId: string,
  metrics: readonly string[],
  probes: readonly PrefilterProbe[],
  k: number,
): Prisma.Sql {
  // Two lower bounds, cheapest first. Table 0 alone (32 cells, below k) is a plain expression of 32
  // subscripts against integer literals: no subquery per row, which at a few hundred rows in the size
  // window cost more than the window itself (docs/benchmarks/privacy.md). Only rows that pass it pay
  // for all three tables (96 cells, below 3 k), summed in one pass over the two arrays side by side.
  const near = (size: Prisma.Sql, column: Prisma.Sql, value: number, signature: readonly number[]) => {
    const w = sizeWindow(value, k);
    if (signature.length !== SKETCH_TABLES * PREFILTER_CELLS)
      throw new Error(
        `earlierReleasesSql requires pre-filter signatures of ${SKETCH_TABLES * PREFILTER_CELLS} cells; got ${signature.length}`,
      );
    const table0 = Prisma.raw(
      signature
        .slice(0, PREFILTER_CELLS)
        .map((v, i) => `abs(${column.sql}[${i + 1}] - ${literalInt(v)})`)
        .join(' + '),
    );
    const probe = Prisma.sql`${[...signature]}::int[]`;
    return Prisma.sql`(${size} BETWEEN ${w.min} AND ${w.max} AND (coalesce(cardinality(${column}), 0) <> ${SKETCH_TABLES * PREFILTER_CELLS}
      OR (${table0} < ${k}
          AND (SELECT sum(abs(a - b)) FROM unnest(${column}, ${probe}) AS t(a, b)) < ${SKETCH_TABLES * k})))`;
  };
  const conditions = probes.flatMap((p) => [
    near(Prisma.sql`"populationSize"`, Prisma.sql`"populationPrefilter"`, p.populationSize, p.populationPrefilter),
    near(Prisma.sql`"memberCount"`, Prisma.sql`"memberPrefilter"`, p.memberCount, p.memberPrefilter),
  ]);
  return Prisma.sql`
    SELECT id::text, "releasedAt", metric, "populationSize", "populationSketch", "memberCount", "memberSketch", "dataVersion", value, noisy, "errorBound"
    FROM disclosure_release
    WHERE "partnerId" = ${partnerId}::uuid AND metric = ANY(${[...metrics]}::text[]) AND (${Prisma.join(conditions, ' OR ')})
    ORDER BY "releasedAt" DESC LIMIT 20000`;
}

/** A signature cell written into the SQL text (so the planner folds it): only ever an integer we computed. */
function literalInt(v: number): string {
  if (!Number.isSafeInteger(v)) throw new Error(`earlierReleasesSql requires integer pre-filter cells; got ${v}`);
  return String(v);
}
