#!/usr/bin/env node
// npm run bench:segments [-- --members 1000000 --runs 2]
//
// Generates a world in PostgreSQL with generate_series (members, 20
// interactions per member, 2,000 items in both domains), then times, in the
// same run on the same database:
//   1. the product's profile computation (the SQL of the compute-profiles job:
//      DELETE + INSERT ... SELECT with window functions) beside a hand-written
//      query computing the same columns into a twin table;
//   2. one multi-condition rule segment compiled by @crosslane/domain-segments
//      and materialised as the job does, beside a hand-written INSERT ... SELECT.
// Prints each time and the ratio product / hand-written (goal: <= 1.5), and
// writes docs/benchmarks/segments.md.
//
// The database is an embedded PostgreSQL whose data directory stays under
// tmp/bench-segments/ with a marker table: a second run with the same size
// skips generation.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MEMBERS = flag('members', 1_000_000);
const PER_MEMBER = flag('per-member', 20);
const RUNS = flag('runs', 2);
const INTERACTIONS = MEMBERS * PER_MEMBER;

const { buildApi } = await import('../../scripts/build.mjs');
await buildApi();
require(path.join(repoRoot, 'dist/apps/api/src/register-aliases.js'));
const { startEmbeddedPostgres } = require(path.join(repoRoot, 'dist/apps/api/src/core/local-services/index.js'));
const { applyMigrations } = require(path.join(repoRoot, 'dist/libs/db/src/index.js'));
const { PROFILE_INSERT_SQL } = require(path.join(repoRoot, 'dist/apps/api/src/modules/profiles/profile-sql.js'));
const { compileRule, membersQuery } = require(path.join(repoRoot, 'dist/libs/domain/segments/src/index.js'));
const { Client } = require('pg');

const CAR = ['automotive-engineering', 'car-modification', 'motorsport', 'ev-technology', 'car-photography', 'detailing', 'off-road'];
const OTHER = ['business', 'history', 'psychology', 'technology', 'finance', 'health', 'parenting', 'language'];
const PARTNER_CATEGORIES = ['suspension', 'exhaust', 'intake', 'ecu-tuning', 'wheels', 'lighting', 'body-kits', 'wraps'];

// The hand-written references.
const HAND_PROFILE_SQL = `
INSERT INTO member_profile_ref ("memberId", "recencyDays", frequency, monetary, "rScore", "fScore", "mScore", "categoryAffinity",
                                "knowledgeSpend", "partnerSpend", "carInterest", "partnerPurchases", "latentFactors", "computedAt")
WITH agg AS (
  SELECT i."memberId",
         $1::date - max(i."occurredAt")::date AS rec,
         count(DISTINCT i."occurredAt"::date) FILTER (WHERE i.type IN ('PURCHASE', 'ENROL')) AS freq,
         COALESCE(sum(COALESCE(i.amount, it.price)) FILTER (WHERE i.type IN ('PURCHASE', 'ENROL')), 0) AS mon,
         COALESCE(sum(COALESCE(i.amount, it.price)) FILTER (WHERE i.type IN ('PURCHASE', 'ENROL') AND it.domain = 'KNOWLEDGE'), 0) AS ks,
         COALESCE(sum(COALESCE(i.amount, it.price)) FILTER (WHERE i.type IN ('PURCHASE', 'ENROL') AND it.domain = 'PARTNER'), 0) AS ps,
         COALESCE(sum(i.weight) FILTER (WHERE it.domain = 'KNOWLEDGE' AND it.category = ANY($2)), 0) AS wc,
         COALESCE(sum(i.weight) FILTER (WHERE it.domain = 'KNOWLEDGE'), 0) AS wk,
         COALESCE(sum(i.weight) FILTER (WHERE it.domain = 'PARTNER' AND i.type = 'PURCHASE'), 0) AS wp,
         count(*) FILTER (WHERE it.domain = 'PARTNER' AND i.type = 'PURCHASE') AS pp
  FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."occurredAt" < $1::timestamp
  GROUP BY i."memberId"
), cat AS (
  SELECT i."memberId", it.domain, it.category, sum(i.weight) AS w
  FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."occurredAt" < $1::timestamp
  GROUP BY 1, 2, 3
), aff AS (
  SELECT "memberId", jsonb_object_agg(domain, cats) AS affinity
  FROM (SELECT "memberId", domain, jsonb_object_agg(category, round((w / total)::numeric, 4)) AS cats
        FROM (SELECT *, sum(w) OVER (PARTITION BY "memberId", domain) AS total FROM cat) c GROUP BY 1, 2) d
  GROUP BY 1
)
SELECT m.id, a.rec, COALESCE(a.freq, 0), COALESCE(a.mon, 0),
       CASE WHEN a."memberId" IS NOT NULL THEN 1 + floor(5.0 * (rank() OVER (PARTITION BY a."memberId" IS NULL ORDER BY a.rec DESC) - 1) / count(*) OVER (PARTITION BY a."memberId" IS NULL)) END,
       CASE WHEN a."memberId" IS NOT NULL THEN 1 + floor(5.0 * (rank() OVER (PARTITION BY a."memberId" IS NULL ORDER BY a.freq) - 1) / count(*) OVER (PARTITION BY a."memberId" IS NULL)) END,
       CASE WHEN a."memberId" IS NOT NULL THEN 1 + floor(5.0 * (rank() OVER (PARTITION BY a."memberId" IS NULL ORDER BY a.mon) - 1) / count(*) OVER (PARTITION BY a."memberId" IS NULL)) END,
       f.affinity, COALESCE(a.ks, 0), COALESCE(a.ps, 0),
       COALESCE((a.wc + a.wp) / NULLIF(a.wk + a.wp, 0), 0), COALESCE(a.pp, 0), '{}', $3::timestamp
FROM member m LEFT JOIN agg a ON a."memberId" = m.id LEFT JOIN aff f ON f."memberId" = m.id`;

const HAND_RULE_SQL = `
INSERT INTO segment_membership_ref ("segmentId", "memberId")
SELECT $1::uuid, p."memberId"
FROM member_profile p JOIN member m ON m.id = p."memberId"
WHERE p."rScore" BETWEEN 4 AND 5 AND p.monetary >= 200 AND m."consentPartnerSharing"
  AND p."memberId" IN (
    SELECT i."memberId" FROM interaction i JOIN item it ON it.id = i."itemId"
    WHERE i.type IN ('ENROL', 'PURCHASE') AND it.domain = 'KNOWLEDGE' AND it.category = ANY($3::text[])
      AND i."occurredAt" >= $2::timestamp - interval '90 days' AND i."occurredAt" < $2::timestamp
    GROUP BY i."memberId" HAVING count(*) >= 2)`;

const dataDir = path.join(repoRoot, 'tmp/bench-segments');
fs.mkdirSync(dataDir, { recursive: true });
const log = (line) => console.log(`[bench:segments] ${line}`);
const pg = await startEmbeddedPostgres({ dataDir, log: () => undefined });
const db = new Client({ connectionString: pg.url });
await db.connect();
await db.query("SET work_mem = '256MB'");

const time = async (fn) => {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};

try {
  await applyMigrations({ connectionString: pg.url, migrationsDir: path.join(repoRoot, 'prisma/migrations') });
  await db.query('CREATE TABLE IF NOT EXISTS bench_marker (members int, interactions bigint, as_of timestamp, complete boolean)');
  const marker = (await db.query('SELECT * FROM bench_marker')).rows[0];
  let asOf;
  if (marker?.complete && marker.members === MEMBERS && Number(marker.interactions) === INTERACTIONS) {
    asOf = marker.as_of;
    log(`Reusing the generated world: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions`);
  } else {
    asOf = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    log(
      `Generating ${MEMBERS.toLocaleString('en')} members and ${INTERACTIONS.toLocaleString('en')} interactions (once; kept in ${dataDir})`,
    );
    const gen = await time(() => generate(asOf));
    log(`Generated in ${(gen.ms / 1000).toFixed(1)} s`);
  }
  const asOfIso = new Date(asOf).toISOString();

  // 1. Profiles.
  await db.query('CREATE TABLE IF NOT EXISTS member_profile_ref (LIKE member_profile INCLUDING ALL)');
  const profileRuns = { product: [], hand: [] };
  for (let run = 0; run < RUNS; run++) {
    profileRuns.hand.push(
      (
        await time(() =>
          inTransaction(async () => {
            await db.query('DELETE FROM member_profile_ref');
            await db.query(HAND_PROFILE_SQL, [asOfIso, CAR, asOfIso]);
          }),
        )
      ).ms,
    );
    profileRuns.product.push(
      (
        await time(() =>
          inTransaction(async () => {
            await db.query('DELETE FROM member_profile');
            await db.query(PROFILE_INSERT_SQL, [asOfIso, CAR, asOfIso, []]);
          }),
        )
      ).ms,
    );
    log(
      `profiles run ${run + 1}: product ${(profileRuns.product[run] / 1000).toFixed(2)} s, hand-written ${(profileRuns.hand[run] / 1000).toFixed(2)} s`,
    );
  }
  const diff = (
    await db.query(`SELECT count(*)::int AS n FROM member_profile p JOIN member_profile_ref r USING ("memberId")
    WHERE p."rScore" IS DISTINCT FROM r."rScore" OR p."fScore" IS DISTINCT FROM r."fScore" OR p."mScore" IS DISTINCT FROM r."mScore"
       OR p.monetary <> r.monetary OR abs(p."carInterest" - r."carInterest") > 1e-9 OR p."categoryAffinity" IS DISTINCT FROM r."categoryAffinity"`)
  ).rows[0].n;
  if (diff !== 0) throw new Error(`The product's profiles and the hand-written ones differ for ${diff} members`);
  await db.query('ANALYZE member_profile');

  // 2. A multi-condition rule segment.
  const rule = {
    and: [
      { rfm: { r: [4, 5] } },
      { behaviour: { types: ['ENROL', 'PURCHASE'], carCategories: true, days: 90, atLeast: 2 } },
      { field: 'monetary', op: 'gte', value: 200 },
      { not: { field: 'consentPartnerSharing', op: 'eq', value: false } },
    ],
  };
  const compiled = compileRule(
    rule,
    { asOf: new Date(asOfIso), carCategories: CAR, segmentRule: () => null, propensityVector: () => null },
    2,
  );
  const segmentId = (
    await db.query(
      `INSERT INTO segment (id, name, kind, rule, "updatedAt") VALUES (gen_random_uuid(), 'bench ' || now(), 'RULE', $1, now()) RETURNING id`,
      [rule],
    )
  ).rows[0].id;
  await db.query(
    'CREATE TABLE IF NOT EXISTS segment_membership_ref ("segmentId" uuid, "memberId" bigint, PRIMARY KEY ("segmentId", "memberId"))',
  );
  const ruleRuns = { product: [], hand: [] };
  let sizes = {};
  for (let run = 0; run < RUNS; run++) {
    const hand = await time(() =>
      inTransaction(async () => {
        await db.query('DELETE FROM segment_membership_ref');
        return (await db.query(HAND_RULE_SQL, [segmentId, asOfIso, CAR])).rowCount;
      }),
    );
    const product = await time(() =>
      inTransaction(async () => {
        await db.query('DELETE FROM segment_membership WHERE "segmentId" = $1', [segmentId]);
        return (
          await db.query(
            `INSERT INTO segment_membership ("segmentId", "memberId") SELECT $1::uuid, q."memberId" FROM (${membersQuery(compiled)}) q`,
            [segmentId, ...compiled.params],
          )
        ).rowCount;
      }),
    );
    ruleRuns.hand.push(hand.ms);
    ruleRuns.product.push(product.ms);
    sizes = { product: product.result, hand: hand.result };
    log(
      `rule run ${run + 1}: product ${(product.ms / 1000).toFixed(2)} s, hand-written ${(hand.ms / 1000).toFixed(2)} s (${product.result} members)`,
    );
  }
  if (sizes.product !== sizes.hand) throw new Error(`Rule sizes differ: product ${sizes.product}, hand-written ${sizes.hand}`);
  await db.query('DELETE FROM segment WHERE id = $1', [segmentId]);

  const best = (xs) => Math.min(...xs);
  const rows = [
    ['Profiles (RFM, spend, affinities, car interest) for every member', best(profileRuns.product), best(profileRuns.hand)],
    [
      `Rule segment: R 4-5 AND 2+ car enrolments/purchases in 90 days AND spend >= 200 AND consented (${sizes.product.toLocaleString('en')} members)`,
      best(ruleRuns.product),
      best(ruleRuns.hand),
    ],
  ];
  const machine = {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: (await db.query('SHOW server_version')).rows[0].server_version,
  };
  console.log('');
  console.log(`World: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions; best of ${RUNS} runs`);
  console.log(`Machine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
  for (const [name, product, hand] of rows) {
    console.log(
      `${name}\n  product ${(product / 1000).toFixed(2)} s | hand-written SQL ${(hand / 1000).toFixed(2)} s | ratio ${(product / hand).toFixed(2)}x (goal <= 1.5x)`,
    );
  }
  writeDoc(rows, machine);
} finally {
  await db.end();
  await pg.stop();
}

async function inTransaction(fn) {
  await db.query('BEGIN');
  try {
    const result = await fn();
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

async function generate(asOf) {
  await db.query('DELETE FROM bench_marker');
  await db.query(
    'TRUNCATE interaction, member_profile, segment_membership, segment_size_snapshot, segment, partner_customer, member, item, sharing_agreement, partner RESTART IDENTITY CASCADE',
  );
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
    SELECT 'p-' || g, 'PARTNER', (SELECT id FROM partner ORDER BY slug OFFSET g % 3 LIMIT 1), 'part', 'Part ' || g, ($1::text[])[1 + g % cardinality($1::text[])], '{}', round((300 + random() * 7700)::numeric, 2)
    FROM generate_series(1, 400) g`,
    [PARTNER_CATEGORIES],
  );
  await db.query(
    `INSERT INTO member ("memberKey", "consentPartnerSharing", "joinedAt")
    SELECT 'm-' || g, random() < 0.3, $2::timestamp - (random() * 900) * interval '1 day' FROM generate_series(1, $1::int) g`,
    [MEMBERS, asOf.toISOString()],
  );
  // Indexes go during the load and come back after: far faster than maintaining them row by row.
  const indexes = (
    await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'interaction' AND indexname <> 'interaction_pkey'`)
  ).rows;
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  const chunk = 2_000_000;
  for (let start = 0; start < INTERACTIONS; start += chunk) {
    const n = Math.min(chunk, INTERACTIONS - start);
    await db.query(
      `INSERT INTO interaction ("memberId", "itemId", type, weight, "occurredAt", source)
      SELECT 1 + floor(random() * $1::int)::bigint, 1 + floor(random() * 2000)::bigint,
             (CASE WHEN r < 0.60 THEN 'VIEW' WHEN r < 0.70 THEN 'FAVOURITE' WHEN r < 0.82 THEN 'ENROL' WHEN r < 0.92 THEN 'PURCHASE' WHEN r < 0.97 THEN 'RATING' ELSE 'CAMPAIGN_CLICK' END)::"InteractionType",
             CASE WHEN r < 0.60 THEN 1 WHEN r < 0.70 THEN 2 WHEN r < 0.92 THEN 4 ELSE 1 END,
             $2::timestamp - (random() * 365 * 86400) * interval '1 second', 'bench'
      FROM (SELECT random() AS r FROM generate_series(1, $3::int)) x`,
      [MEMBERS, asOf.toISOString(), n],
    );
    log(`  interactions ${(start + n).toLocaleString('en')} of ${INTERACTIONS.toLocaleString('en')}`);
  }
  for (const index of indexes) await db.query(index.indexdef);
  await db.query('ANALYZE');
  await db.query('INSERT INTO bench_marker VALUES ($1, $2, $3, true)', [MEMBERS, INTERACTIONS, asOf.toISOString()]);
}

function writeDoc(rows, machine) {
  const file = path.join(repoRoot, 'docs/benchmarks/segments.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const table = rows
    .map(([name, p, h]) => `| ${name} | ${(p / 1000).toFixed(2)} s | ${(h / 1000).toFixed(2)} s | ${(p / h).toFixed(2)}x |`)
    .join('\n');
  fs.writeFileSync(
    file,
    `# Benchmark: profiles and segments

\`npm run bench:segments\` (benchmarks/segments/run.mjs). Measured ${new Date().toISOString().slice(0, 10)}.

- World: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions, 2,000 items (1,600 knowledge in 15 categories, 7 of them car topics; 400 partner items), generated in PostgreSQL with \`generate_series\` (seeded \`random()\`), kept under \`tmp/bench-segments/\` between runs.
- Machine: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}, embedded PostgreSQL ${machine.postgres}, \`work_mem\` 256MB; the machine is shared with other work, so absolute times move between runs: compare the ratios.
- Each figure is the best of ${RUNS} runs; product and hand-written run alternately in the same process on the same data, each in its own transaction including the write (DELETE + INSERT).
- The product's results are checked against the hand-written ones (same scores, spend, affinities, car interest; same segment size) before any figure is printed.

| what | product | hand-written SQL | ratio |
|---|---|---|---|
${table}

Goal: within 1.5x of the hand-written SQL.

**Profiles**: the product runs the compute-profiles job's SQL (\`apps/api/src/modules/profiles/profile-sql.ts\`);
the reference is an independently written query (two aggregates over \`interaction JOIN item\`, \`rank()\` quintiles, \`jsonb_object_agg\` affinities) inserting into a twin table.
**Rule segment**: the product compiles the rule with \`compileRule\` (\`@crosslane/domain-segments\`) and inserts \`membersQuery(...)\` into \`segment_membership\` as the materialise job does;
the reference is a hand-written \`INSERT ... SELECT\` with an \`IN (... GROUP BY ... HAVING count(*) >= 2)\` semi-join.
`,
  );
  log(`Wrote ${path.relative(repoRoot, file)}`);
}
