// The generated world the funnels and segments benchmarks measure on: three
// partners, 2,000 items (1,600 knowledge courses in 15 categories, 7 of them
// car topics; 400 partner items), members and a year of interactions, all
// generated in PostgreSQL with generate_series and a seeded random(). A
// marker table lets a second run of the same size reuse it.
import fs from 'node:fs';
import path from 'node:path';
import { logger, machineInfo, machineLine, openBenchDatabase, repoRoot, time, withoutIndexes } from './bench.mjs';

export const CAR = [
  'automotive-engineering',
  'car-modification',
  'motorsport',
  'ev-technology',
  'car-photography',
  'detailing',
  'off-road',
];
export const OTHER = ['business', 'history', 'psychology', 'technology', 'finance', 'health', 'parenting', 'language'];
export const PARTNER_CATEGORIES = ['suspension', 'exhaust', 'intake', 'ecu-tuning', 'wheels', 'lighting', 'body-kits', 'wraps'];

/**
 * The frame of every benchmark over this world (funnels, segments): its
 * logger, its database (bench-<name>, work_mem 256MB) and the world in it
 * (`world` as ensureInteractionWorld takes it, less dataDir and log);
 * `report` prints the results and writes docs/benchmarks/<name>.md, whose
 * text `doc(table, machine)` gives; `close` stops the database (also done
 * when loading fails).
 */
export async function openInteractionBench(name, world) {
  const log = logger(name);
  const { dataDir, pg, db } = await openBenchDatabase(`bench-${name}`, { workMem: '256MB' });
  const close = async () => {
    await db.end();
    await pg.stop();
  };
  const report = async (worldLine, rows, doc) => {
    const machine = await machineInfo(db);
    const { lines, table } = productBesideHand(rows, 1.5);
    console.log('');
    console.log(worldLine);
    console.log(`Machine: ${machineLine(machine)}`);
    for (const line of lines) console.log(line);
    const file = path.join(repoRoot, 'docs/benchmarks', `${name}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, doc(table, machine));
    log(`Wrote ${path.relative(repoRoot, file)}`);
  };
  try {
    const asOf = await ensureInteractionWorld(db, { ...world, dataDir, log });
    return { log, db, asOf, report, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The world of `members` members and `interactions` interactions, generated
 * unless the marker says it is already there; returns its as-of date (the
 * day it was generated, midnight UTC), which the queries measure back from.
 *
 * - `truncate`: the tables emptied before generating (the benchmark's own
 *   results too);
 * - `partnerItem`: what a partner item is called (`kit`, `part`);
 * - `weightSql`: the interaction weight, an SQL expression over `r` (the
 *   random number that also chose the type).
 */
export async function ensureInteractionWorld(db, { members, interactions, dataDir, log, truncate, partnerItem, weightSql = '1' }) {
  await db.query('CREATE TABLE IF NOT EXISTS bench_marker (members int, interactions bigint, as_of timestamp, complete boolean)');
  const marker = (await db.query('SELECT * FROM bench_marker')).rows[0];
  if (marker?.complete && marker.members === members && Number(marker.interactions) === interactions) {
    log(`Reusing the generated world: ${members.toLocaleString('en')} members, ${interactions.toLocaleString('en')} interactions`);
    return new Date(marker.as_of);
  }
  const asOf = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  log(
    `Generating ${members.toLocaleString('en')} members and ${interactions.toLocaleString('en')} interactions (once; kept in ${dataDir})`,
  );
  const gen = await time(() => generate(db, { members, interactions, asOf, log, truncate, partnerItem, weightSql }));
  log(`Generated in ${(gen.ms / 1000).toFixed(1)} s`);
  return asOf;
}

async function generate(db, { members, interactions, asOf, log, truncate, partnerItem, weightSql }) {
  const title = partnerItem[0].toUpperCase() + partnerItem.slice(1);
  await db.query('DELETE FROM bench_marker');
  await db.query(`TRUNCATE ${truncate.join(', ')} RESTART IDENTITY CASCADE`);
  await db.query('SELECT setseed(0.42)');
  await db.query(`INSERT INTO partner (id, slug, name, industry, "updatedAt")
    SELECT gen_random_uuid(), 'bench-' || g, 'Bench partner ' || g, 'car-modification', now() FROM generate_series(1, 3) g`);
  await db.query(
    `INSERT INTO item ("externalKey", domain, kind, title, category, tags, price)
    SELECT 'k-' || g, 'KNOWLEDGE', 'course', 'Course ' || g, ($1::text[])[1 + g % cardinality($1::text[])], '{}', round((20 + random() * 480)::numeric, 2)
    FROM generate_series(1, 1600) g`,
    [[...CAR, ...OTHER]],
  );
  await db.query(
    `INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price)
    SELECT 'p-' || g, 'PARTNER', (SELECT id FROM partner ORDER BY slug OFFSET g % 3 LIMIT 1), $2::text, $3::text || ' ' || g, ($1::text[])[1 + g % cardinality($1::text[])], '{}', round((300 + random() * 7700)::numeric, 2)
    FROM generate_series(1, 400) g`,
    [PARTNER_CATEGORIES, partnerItem, title],
  );
  await db.query(
    `INSERT INTO member ("memberKey", "consentPartnerSharing", "joinedAt")
    SELECT 'm-' || g, random() < 0.3, $2::timestamp - (random() * 900) * interval '1 day' FROM generate_series(1, $1::int) g`,
    [members, asOf.toISOString()],
  );
  await withoutIndexes(db, 'interaction', async () => {
    const chunk = 2_000_000;
    for (let start = 0; start < interactions; start += chunk) {
      const n = Math.min(chunk, interactions - start);
      await db.query(
        `INSERT INTO interaction ("memberId", "itemId", type, weight, "occurredAt", source)
        SELECT 1 + floor(random() * $1::int)::bigint, 1 + floor(random() * 2000)::bigint,
               (CASE WHEN r < 0.60 THEN 'VIEW' WHEN r < 0.70 THEN 'FAVOURITE' WHEN r < 0.82 THEN 'ENROL' WHEN r < 0.92 THEN 'PURCHASE' WHEN r < 0.97 THEN 'RATING' ELSE 'CAMPAIGN_CLICK' END)::"InteractionType",
               ${weightSql},
               $2::timestamp - (random() * 365 * 86400) * interval '1 second', 'bench'
        FROM (SELECT random() AS r FROM generate_series(1, $3::int)) x`,
        [members, asOf.toISOString(), n],
      );
      log(`  interactions ${(start + n).toLocaleString('en')} of ${interactions.toLocaleString('en')}`);
    }
  });
  await db.query('ANALYZE');
  await db.query('INSERT INTO bench_marker VALUES ($1, $2, $3, true)', [members, interactions, asOf.toISOString()]);
}

/** Console lines and a Markdown table of [what, product ms, hand-written ms] rows, with their ratio. */
export function productBesideHand(rows, goal) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  return {
    lines: rows.map(
      ([name, p, h]) => `${name}\n  product ${s(p)} | hand-written SQL ${s(h)} | ratio ${(p / h).toFixed(2)}x (goal <= ${goal}x)`,
    ),
    table: rows.map(([name, p, h]) => `| ${name} | ${s(p)} | ${s(h)} | ${(p / h).toFixed(2)}x |`).join('\n'),
  };
}
