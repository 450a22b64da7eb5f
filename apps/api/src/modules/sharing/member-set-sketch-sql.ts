import { Prisma } from '@crosslane/db';

/**
 * The SQL that builds member-set sketches (libs/domain/privacy
 * member-set-sketch.ts) in the database, in one pass over the population:
 * per member, hashint8extended(id, 0) picks one cell in each of the three
 * tables and hashint8extended(id, 1) is the check; one GROUP BY over the
 * 3 x cellsPerTable cells folds them. With `hit`, the same pass also
 * sketches the members for which `hit` holds (the members behind a count),
 * so a gated count reads its rows once, as a plain COUNT(*) would.
 *
 * `population` selects one bigint column `id`, each member once; `hit` is a
 * boolean expression over `p.id`.
 */
export function memberSetSketchSql(population: Prisma.Sql, cellsPerTable: number, hit: Prisma.Sql = Prisma.sql`false`): Prisma.Sql {
  const mask = BigInt(cellsPerTable - 1);
  return Prisma.sql`
    SELECT v.cell, count(*)::int AS n, bit_xor(x.id) AS ids, bit_xor(x.chk) AS checks,
           count(*) FILTER (WHERE x.hit)::int AS "hitN", COALESCE(bit_xor(x.id) FILTER (WHERE x.hit), 0) AS "hitIds", COALESCE(bit_xor(x.chk) FILTER (WHERE x.hit), 0) AS "hitChecks"
    FROM (SELECT p.id, (${hit}) AS hit, hashint8extended(p.id, 0) AS h, hashint8extended(p.id, 1) AS chk FROM (${population}) p) x
    CROSS JOIN LATERAL (VALUES ((x.h & ${mask})::int), ((${cellsPerTable} + ((x.h >> 16) & ${mask}))::int), ((${2 * cellsPerTable} + ((x.h >> 32) & ${mask}))::int)) v(cell)
    GROUP BY v.cell`;
}

export interface SketchCellRow {
  cell: number;
  n: number;
  ids: bigint;
  checks: bigint;
  hitN: number;
  hitIds: bigint;
  hitChecks: bigint;
}
