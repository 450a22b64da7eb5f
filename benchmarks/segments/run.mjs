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
import { cli, dist, loadApi, machineLine, time, today } from '../lib/bench.mjs';
import { CAR, openInteractionBench } from '../lib/interaction-world.mjs';

const { flag } = cli();
const MEMBERS = flag('members', 1_000_000);
const PER_MEMBER = flag('per-member', 20);
const RUNS = flag('runs', 2);
const INTERACTIONS = MEMBERS * PER_MEMBER;

await loadApi();
const { PROFILE_INSERT_SQL } = dist('apps/api/src/modules/profiles/profile-sql.js');
const { compileRule, membersQuery } = dist('libs/domain/segments/src/index.js');

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

const { log, db, asOf, report, close } = await openInteractionBench('segments', {
  members: MEMBERS,
  interactions: INTERACTIONS,
  truncate: [
    'interaction',
    'member_profile',
    'segment_membership',
    'segment_size_snapshot',
    'segment',
    'partner_customer',
    'member',
    'item',
    'sharing_agreement',
    'partner',
  ],
  partnerItem: 'part',
  weightSql: 'CASE WHEN r < 0.60 THEN 1 WHEN r < 0.70 THEN 2 WHEN r < 0.92 THEN 4 ELSE 1 END',
});

try {
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
  await report(
    `World: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions; best of ${RUNS} runs`,
    rows,
    markdownDoc,
  );
} finally {
  await close();
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

/** The Markdown of docs/benchmarks/segments.md around the results table. */
function markdownDoc(table, machine) {
  return `# Benchmark: profiles and segments

\`npm run bench:segments\` (benchmarks/segments/run.mjs). Measured ${today()}.

- World: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions, 2,000 items (1,600 knowledge in 15 categories, 7 of them car topics; 400 partner items), generated in PostgreSQL with \`generate_series\` (seeded \`random()\`), kept under \`tmp/bench-segments/\` between runs.
- Machine: ${machineLine(machine)} (embedded PostgreSQL), \`work_mem\` 256MB; the machine is shared with other work, so absolute times move between runs: compare the ratios.
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
`;
}
