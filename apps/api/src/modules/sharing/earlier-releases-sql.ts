import { Prisma } from '@crosslane/db';
import { PREFILTER_CELLS, SKETCH_TABLES, sizeWindow, type PrefilterEntry } from '@crosslane/domain-privacy';

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

/** A stored release's pre-filter, as ReleasePrefilterIndex keeps it. */
export interface PrefilterRow {
  seq: bigint | string;
  id: string;
  metric: string;
  populationSize: number;
  populationPrefilter: number[] | null;
  memberCount: number;
  memberPrefilter: number[] | null;
}

/**
 * The partner's releases written after `afterSeq` (the (partnerId, seq)
 * index), sizes and pre-filters only: what the gate's in-process index needs
 * to catch up. Read under the partner's lock, which every release write
 * takes, so nothing committed for the partner is missed. Used by
 * DisclosureGateService and by the privacy benchmark.
 */
export function releasePrefiltersSinceSql(partnerId: string, afterSeq: bigint): Prisma.Sql {
  return Prisma.sql`
    SELECT seq, id::text, metric, "populationSize", "populationPrefilter", "memberCount", "memberPrefilter"
    FROM disclosure_release WHERE "partnerId" = ${partnerId}::uuid AND seq > ${afterSeq}::bigint ORDER BY seq`;
}

/** The full rows (with sketches) of the releases the index kept as candidates, newest first. */
export function releasesByIdSql(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text, "releasedAt", metric, "populationSize", "populationSketch", "memberCount", "memberSketch", "dataVersion", value, noisy, "errorBound"
    FROM disclosure_release WHERE id = ANY(${[...ids]}::uuid[])
    ORDER BY "releasedAt" DESC`;
}

/** A row of releasePrefiltersSinceSql as the index takes it (a missing signature is an empty one: always read). */
export function prefilterEntry(r: PrefilterRow): PrefilterEntry {
  return {
    seq: BigInt(r.seq),
    id: r.id,
    metric: r.metric,
    populationSize: r.populationSize,
    populationPrefilter: r.populationPrefilter ?? [],
    memberCount: r.memberCount,
    memberPrefilter: r.memberPrefilter ?? [],
  };
}

/**
 * The members' sketch (memberSetSketchSql, or their ids: memberIdsSql) and the partner's releases written
 * after `afterSeq` (as releasePrefiltersSinceSql, as JSON: usually none) in
 * one statement, so a check costs one round trip like the COUNT(*) it stands
 * beside. Read before the partner's lock: the release is then written only if
 * nothing was written for the partner after what this read
 * (releaseIfNothingNewerSql), otherwise the gate catches up under the lock and
 * decides again.
 */
export function sketchAndNewReleasesSql(sketch: Prisma.Sql, partnerId: string, afterSeq: bigint): Prisma.Sql {
  return Prisma.sql`
    SELECT s.*, n.releases FROM (${sketch}) s, (
      SELECT json_agg(json_build_object('seq', seq::text, 'id', id::text, 'metric', metric, 'populationSize', "populationSize",
        'populationPrefilter', "populationPrefilter", 'memberCount', "memberCount", 'memberPrefilter', "memberPrefilter") ORDER BY seq) AS releases
      FROM disclosure_release WHERE "partnerId" = ${partnerId}::uuid AND seq > ${afterSeq}::bigint) n`;
}
