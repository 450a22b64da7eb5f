#!/usr/bin/env node
// npm run bench:funnels   (BENCH_FUNNEL_SCALE=0.05 npm run bench:funnels for a quick run)
//
// Generates a world in PostgreSQL with generate_series: 1,000,000 members and
// 20,000,000 interactions over a year at scale 1 (both times the scale), then
// times, in the same run on the same database:
//   1. a 4-step funnel with a 14-day window (view a car course, enrol in one,
//      view a partner item, buy one), as the product runs it (funnelQuery from
//      @crosslane/domain-journeys: one scan, stacked window aggregates), beside
//      a hand-written query of the same funnel (one correlated subquery per
//      step and member on the (memberId, occurredAt) index);
//   2. weekly retention cohorts by first interaction over the same world
//      (retentionQuery) beside a hand-written query.
// Each pair is checked to give the same numbers before any time is printed;
// prints each time and the ratio product / hand-written (goal <= 1.5), and
// writes docs/benchmarks/funnels.md.
//
// The embedded PostgreSQL keeps its data under tmp/bench-funnels/ with a
// marker table: a second run at the same scale skips generation.
import { dist, loadApi, machineLine, time, today } from '../lib/bench.mjs';
import { CAR, openInteractionBench } from '../lib/interaction-world.mjs';

const SCALE = Number(process.env.BENCH_FUNNEL_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('BENCH_FUNNEL_SCALE must be in (0, 1]');
const MEMBERS = Math.round(1_000_000 * SCALE);
const INTERACTIONS = Math.round(20_000_000 * SCALE);
const RUNS = Number(process.env.BENCH_FUNNEL_RUNS ?? 2);
const WINDOW_DAYS = 14;

await loadApi();
const { funnelQuery, retentionQuery } = dist('libs/domain/journeys/src/index.js');

// The hand-written references: what an analyst writes without the product.
const HAND_FUNNEL_SQL = `
WITH s1 AS (
  SELECT i."memberId" AS m, min(i."occurredAt") AS t1 FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i.type = 'VIEW' AND it.domain = 'KNOWLEDGE' AND it.category = ANY($3::text[]) AND i."occurredAt" >= $1::timestamp AND i."occurredAt" < $2::timestamp
  GROUP BY 1),
s2 AS (SELECT s.*, (SELECT min(i."occurredAt") FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."memberId" = s.m AND i.type = 'ENROL' AND it.domain = 'KNOWLEDGE' AND it.category = ANY($3::text[])
    AND i."occurredAt" > s.t1 AND i."occurredAt" <= s.t1 + interval '${WINDOW_DAYS} days') AS t2 FROM s1 s),
s3 AS (SELECT s.*, (SELECT min(i."occurredAt") FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."memberId" = s.m AND i.type = 'VIEW' AND it.domain = 'PARTNER'
    AND i."occurredAt" > s.t2 AND i."occurredAt" <= s.t1 + interval '${WINDOW_DAYS} days') AS t3 FROM s2 s),
s4 AS (SELECT s.*, (SELECT min(i."occurredAt") FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."memberId" = s.m AND i.type = 'PURCHASE' AND it.domain = 'PARTNER'
    AND i."occurredAt" > s.t3 AND i."occurredAt" <= s.t1 + interval '${WINDOW_DAYS} days') AS t4 FROM s3 s)
SELECT count(*)::int AS c1, count(t2)::int AS c2, count(t3)::int AS c3, count(t4)::int AS c4,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t2 - t1)) AS p50_2,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t4 - t3)) AS p90_4
FROM s4`;

const HAND_RETENTION_SQL = `
WITH f AS (SELECT "memberId" AS m, date_trunc('week', min("occurredAt")) AS c FROM interaction WHERE "occurredAt" < $2::timestamp GROUP BY 1),
     a AS (SELECT DISTINCT "memberId" AS m, date_trunc('week', "occurredAt") AS p FROM interaction WHERE "occurredAt" < $2::timestamp)
SELECT to_char(f.c, 'YYYY-MM-DD') AS cohort, ((a.p::date - f.c::date) / 7) AS off, count(*)::int AS n
FROM f JOIN a ON a.m = f.m WHERE f.c >= date_trunc('week', $1::timestamp) AND f.c < $2::timestamp GROUP BY 1, 2`;

const { log, db, asOf, report, close } = await openInteractionBench('funnels', {
  members: MEMBERS,
  interactions: INTERACTIONS,
  truncate: ['interaction', 'member', 'item', 'partner'],
  partnerItem: 'kit',
});

try {
  const to = new Date(asOf.getTime() - WINDOW_DAYS * 86_400_000);
  const from = new Date(asOf.getTime() - 180 * 86_400_000);

  // 1. The funnel.
  const funnel = {
    steps: [
      { type: 'VIEW', domain: 'KNOWLEDGE', categories: CAR },
      { type: 'ENROL', domain: 'KNOWLEDGE', categories: CAR },
      { type: 'VIEW', domain: 'PARTNER' },
      { type: 'PURCHASE', domain: 'PARTNER' },
    ],
    windowDays: WINDOW_DAYS,
    order: 'strict',
  };
  const product = funnelQuery(funnel, { from, to });
  const funnelRuns = { product: [], hand: [] };
  let funnelCounts;
  for (let run = 0; run < RUNS; run++) {
    const hand = await time(() => db.query(HAND_FUNNEL_SQL, [from.toISOString(), to.toISOString(), CAR]));
    const mine = await time(() => db.query(product.sql, product.params));
    const h = hand.result.rows[0];
    const p = mine.result.rows[0];
    const same =
      [1, 2, 3, 4].every((j) => h[`c${j}`] === p[`c${j}`]) && Math.abs(h.p50_2 - p.p50_2) < 1e-6 && Math.abs(h.p90_4 - p.p90_4) < 1e-6;
    if (!same) throw new Error(`The product's funnel and the hand-written one differ: ${JSON.stringify({ product: p, hand: h })}`);
    funnelCounts = [p.c1, p.c2, p.c3, p.c4];
    funnelRuns.hand.push(hand.ms);
    funnelRuns.product.push(mine.ms);
    log(
      `funnel run ${run + 1}: product ${(mine.ms / 1000).toFixed(2)} s, hand-written ${(hand.ms / 1000).toFixed(2)} s (${funnelCounts.join(' > ')})`,
    );
  }

  // 2. Retention cohorts.
  const retention = retentionQuery({ anchor: 'firstInteraction', period: 'week', periods: 12 }, { from, to: asOf });
  const retentionRuns = { product: [], hand: [] };
  let cells = 0;
  for (let run = 0; run < RUNS; run++) {
    const hand = await time(() => db.query(HAND_RETENTION_SQL, [from.toISOString(), asOf.toISOString()]));
    const mine = await time(() => db.query(retention.sql, retention.params));
    const expected = new Map(hand.result.rows.map((r) => [`${r.cohort}/${r.off}`, r.n]));
    const differing = mine.result.rows.filter((r) => expected.get(`${r.cohort}/${r.offset}`) !== r.active);
    if (differing.length > 0 || mine.result.rows.length !== hand.result.rows.length) {
      throw new Error(`Retention cells differ: ${differing.length} of ${mine.result.rows.length} (hand ${hand.result.rows.length})`);
    }
    cells = mine.result.rows.length;
    retentionRuns.hand.push(hand.ms);
    retentionRuns.product.push(mine.ms);
    log(
      `retention run ${run + 1}: product ${(mine.ms / 1000).toFixed(2)} s, hand-written ${(hand.ms / 1000).toFixed(2)} s (${cells} cells)`,
    );
  }

  const best = (xs) => Math.min(...xs);
  const rows = [
    [
      `4-step funnel, 14-day window, entries over 166 days (${funnelCounts.map((c) => c.toLocaleString('en')).join(' → ')})`,
      best(funnelRuns.product),
      best(funnelRuns.hand),
    ],
    [
      `Weekly retention cohorts by first interaction, 26 weeks of cohorts (${cells} cells)`,
      best(retentionRuns.product),
      best(retentionRuns.hand),
    ],
  ];
  await report(
    `World: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions (scale ${SCALE}); best of ${RUNS} runs`,
    rows,
    markdownDoc,
  );
} finally {
  await close();
}

/** The Markdown of docs/benchmarks/funnels.md around the results table. */
function markdownDoc(table, machine) {
  return `# Benchmark: funnels and retention cohorts

\`npm run bench:funnels\` (benchmarks/funnels/run.mjs). Measured ${today()} with \`BENCH_FUNNEL_SCALE=${SCALE}\`${SCALE < 1 ? ` (a quick run: ${SCALE} of the full 20,000,000 interactions and 1,000,000 members; run without the variable for the full size)` : ''}.

- World: ${MEMBERS.toLocaleString('en')} members, ${INTERACTIONS.toLocaleString('en')} interactions over 365 days, 2,000 items (1,600 knowledge courses in 15 categories, 7 of them car topics; 400 partner kits), generated in PostgreSQL with \`generate_series\` (seeded \`random()\`), kept under \`tmp/bench-funnels/\` between runs.
- Machine: ${machineLine(machine)} (embedded PostgreSQL), \`work_mem\` 256MB; the machine is shared with other work, so absolute times move between runs: compare the ratios.
- Each figure is the best of ${RUNS} runs; product and hand-written run alternately in the same process on the same data. Both give the same counts (and the same median and p90 times; the same retention cells) before any figure is printed.

| what | product | hand-written SQL | ratio |
|---|---|---|---|
${table}

Goal: within 1.5x of the hand-written SQL.

**Funnel**: the product runs \`funnelQuery\` (\`@crosslane/domain-journeys\`): one scan of the interactions in [from, to + 14 days) tagging each row with the steps it matches, then stacked window aggregates per member. The reference finds the entrants with one GROUP BY and each later step with a correlated \`min(...)\` subquery per member on the \`(memberId, occurredAt)\` index.
**Retention**: the product runs \`retentionQuery\` (one scan grouped by member and week, a window for the first week); the reference takes the first week per member and the distinct member-weeks in two scans and joins them.
`;
}
