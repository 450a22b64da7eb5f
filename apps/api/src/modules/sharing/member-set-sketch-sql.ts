import { Prisma } from '@crosslane/db';

/**
 * The SQL that builds a member-set sketch (libs/domain/privacy
 * member-set-sketch.ts) in the database, in one pass: per member,
 * hashint8extended(id, 0) picks one cell in each of the three tables and
 * hashint8extended(id, 1) is the check; one hashed GROUP BY GROUPING SETS
 * folds the three tables at once (no row is repeated). `members` selects
 * one bigint column `id`, each member once.
 */
export function memberSetSketchSql(members: Prisma.Sql, cellsPerTable: number): Prisma.Sql {
  const mask = BigInt(cellsPerTable - 1);
  // One row of text ("cell,n,ids,checks;..."), not a row per cell: at a few hundred members, sending
  // and parsing ~400 rows cost more than building the sketch (docs/benchmarks/privacy.md).
  return Prisma.sql`
    SELECT string_agg(z.cell || ',' || z.n || ',' || z.ids || ',' || z.checks, ';') AS cells FROM (
    SELECT COALESCE(y.c0, y.c1, y.c2) AS cell, count(*)::int AS n, bit_xor(y.id) AS ids, bit_xor(y.chk) AS checks
    FROM (
      SELECT x.id, hashint8extended(x.id, 1) AS chk, (x.h & ${mask})::int AS c0,
             (${cellsPerTable} + ((x.h >> 16) & ${mask}))::int AS c1, (${2 * cellsPerTable} + ((x.h >> 32) & ${mask}))::int AS c2
      FROM (SELECT q.id, hashint8extended(q.id, 0) AS h FROM (${members}) q OFFSET 0) x
    ) y
    GROUP BY GROUPING SETS ((y.c0), (y.c1), (y.c2))) z`;
}

export interface SketchCellRow {
  cell: number;
  n: number;
  ids: bigint;
  checks: bigint;
}

/** The cells from memberSetSketchSql's one text value (null for an empty set). */
export function sketchCellRows(cells: string | null): SketchCellRow[] {
  if (!cells) return [];
  return cells.split(';').map((cell) => {
    const [c, n, ids, checks] = cell.split(',');
    return { cell: Number(c), n: Number(n), ids: BigInt(ids), checks: BigInt(checks) };
  });
}

/**
 * Below this many members in the population, the gate reads the members' ids
 * (one text row) and sketches them in the process (sketchMembers, the same
 * hash as hashint8extended, so the sketches are identical) rather than in
 * SQL: at ~300 members, hashing and GROUPING SETS in the database cost about
 * 2 ms more than the COUNT(*) beside it, sending the ids 0.4 ms, and the
 * sketch in JavaScript 0.1 ms (docs/benchmarks/privacy.md). At 30,000 the
 * JavaScript sketch takes 20 ms or more, so large sets stay in SQL.
 */
export const SKETCH_IN_PROCESS_BELOW = 5_000;

/** The members' ids as one text row ("1,5,9"; null for none), for a sketch built in the process. */
export function memberIdsSql(members: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT string_agg(q.id::text, ',') AS ids FROM (${members}) q`;
}

/** The ids from memberIdsSql's one text value. */
export function memberIdsFromText(ids: string | null): bigint[] {
  return ids ? ids.split(',').map(BigInt) : [];
}
