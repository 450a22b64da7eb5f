import type { DateRange, FunnelBreakdown, FunnelDefinition, FunnelStep } from './funnel-types';

export interface FunnelQuery {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * One row of the funnel query: a breakdown key with, for every step j
 * (1-based), the members who reached it (`c<j>`) and, from step 2 on, the
 * median and 90th percentile of the seconds from the previous step (strict
 * order) or from entering (any order): `p50_<j>`, `p90_<j>`.
 */
export type FunnelSqlRow = { key: string } & Record<string, number | string | null>;

/**
 * Builds the funnel as ONE PostgreSQL statement over the interactions in
 * [from, to + window): a single scan tags each event with a bit mask of the
 * steps it matches; the tagged rows, sorted once by member, pass through one
 * window level per step that finds the first time each member reached the
 * step after reaching the previous one within the window of entering (a
 * streaming WindowAgg over input already in member order, so no re-sort);
 * one GROUP BY then counts members per step and takes percentile_cont of the
 * time between steps. Nothing is queried per step and no member is loaded
 * into the application.
 * Method: the "first-touch, ordered" funnel of product analytics (Mixpanel,
 * Amplitude, PostHog all define strict funnels so), written as stacked
 * window aggregates (PostgreSQL docs, 3.5 and 4.2.8: FILTER on window
 * aggregates).
 *
 * Example: a 2-step funnel over a week gives rows like
 * `{ key: 'all', c1: 120, c2: 30, p50_2: 3600, p90_2: 86400 }`.
 */
export function funnelQuery(funnel: FunnelDefinition, range: DateRange, breakdown?: FunnelBreakdown): FunnelQuery {
  const params: unknown[] = [];
  const param = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const from = param(range.from.toISOString(), 'timestamp');
  const to = param(range.to.toISOString(), 'timestamp');
  const window = `make_interval(days => ${param(funnel.windowDays, 'int')})`;
  const steps = funnel.steps;
  const k = steps.length;

  const needsItem = steps.some(
    (s) =>
      s.domain !== undefined || s.partnerId !== undefined || s.category !== undefined || s.categories !== undefined || s.kind !== undefined,
  );
  const campaigns = [...new Set(steps.flatMap((s) => (s.campaignId ? [s.campaignId] : [])))];
  const campaignJoins = campaigns.map(
    (id, n) => `LEFT JOIN campaign_assignment ca${n} ON ca${n}."campaignId" = ${param(id, 'uuid')} AND ca${n}."memberId" = i."memberId"`,
  );
  const conditions = steps.map((step) => stepCondition(step, param, campaigns));
  const types = [...new Set(steps.map((s) => s.type))];
  const bit = (j: number) => 1 << j;

  const tagged =
    `SELECT i."memberId" AS member, i."itemId" AS item, i."occurredAt" AS at, ` +
    `(${conditions.map((c, j) => `CASE WHEN ${c} THEN ${bit(j)} ELSE 0 END`).join(' | ')}) AS mask ` +
    `FROM interaction i${needsItem ? ' JOIN item it ON it.id = i."itemId"' : ''}${campaignJoins.map((j) => ` ${j}`).join('')} ` +
    `WHERE i."occurredAt" >= ${from} AND i."occurredAt" < ${to} + ${window} ` +
    `AND i.type = ANY(${param(types, '"InteractionType"[]')}) AND (${conditions.join(' OR ')})`;

  // Entry: the member's first step-1 event in [from, to). Members who never enter are dropped before the later levels.
  const levels: string[] = [
    `l1 AS (SELECT member, item, at, mask, min(at) FILTER (WHERE mask & 1 <> 0 AND at < ${to}) OVER (PARTITION BY member) AS t1 FROM tagged)`,
  ];
  /** The condition for the 0-based step j (j >= 1): after the previous step (strict) or after entering (any), within the window. */
  const reachedAfter = (j: number): string =>
    `mask & ${bit(j)} <> 0 AND at > ${funnel.order === 'strict' ? `t${j}` : 't1'} AND at <= t1 + ${window}`;
  const entrants = '(SELECT * FROM l1 WHERE t1 IS NOT NULL) s';
  let previous = entrants;
  let carried = 't1';
  // One window level for each of steps 2..k-1; the last step is found by the GROUP BY below.
  for (let j = 1; j < k - 1; j += 1) {
    levels.push(
      `l${j + 1} AS (SELECT member, item, at, mask, ${carried}, min(at) FILTER (WHERE ${reachedAfter(j)}) OVER (PARTITION BY member) AS t${j + 1} FROM ${previous})`,
    );
    previous = `l${j + 1}`;
    carried = `${carried}, t${j + 1}`;
  }
  const times = Array.from({ length: k - 1 }, (_, j) => `max(t${j + 1}) AS t${j + 1}`);
  if (k >= 2) times.push(`min(at) FILTER (WHERE ${reachedAfter(k - 1)}) AS t${k}`);
  else times.push('max(t1) AS t1');
  const perMember =
    `per_member AS (SELECT member, ${times.join(', ')}, ` +
    `min(item) FILTER (WHERE at = t1 AND mask & 1 <> 0) AS entry_item FROM ${previous} GROUP BY member)`;

  // In any order a member reaches step j when every step 2..j happened after entering, so the counts stay a funnel.
  const reached = (j: number): string =>
    funnel.order === 'strict' || j === 1
      ? `t${j}`
      : `CASE WHEN ${Array.from({ length: j - 1 }, (_, n) => `t${n + 2} IS NOT NULL`).join(' AND ')} THEN t${j} END`;
  const gap = (j: number): string => `extract(epoch FROM ${reached(j)} - ${funnel.order === 'strict' ? `t${j - 1}` : 't1'})`;

  const { join, key } = breakdownSql(breakdown, param);
  const columns = [`count(*)::int AS c1`];
  for (let j = 2; j <= k; j += 1) {
    columns.push(`count(${reached(j)})::int AS c${j}`);
    columns.push(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${gap(j)}) AS p50_${j}`);
    columns.push(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${gap(j)}) AS p90_${j}`);
  }
  const sql =
    `WITH tagged AS (${tagged}), ${levels.join(', ')}, ${perMember} ` +
    `SELECT ${key} AS key, ${columns.join(', ')} FROM per_member pm${join} GROUP BY 1 ORDER BY 1`;
  return { sql, params };
}

function stepCondition(step: FunnelStep, param: (value: unknown, cast: string) => string, campaigns: string[]): string {
  const parts = [`i.type = ${param(step.type, '"InteractionType"')}`];
  if (step.domain !== undefined) parts.push(`it.domain = ${param(step.domain, '"ItemDomain"')}`);
  if (step.partnerId !== undefined) parts.push(`it."partnerId" = ${param(step.partnerId, 'uuid')}`);
  if (step.category !== undefined) parts.push(`it.category = ${param(step.category, 'text')}`);
  if (step.categories !== undefined) parts.push(`it.category = ANY(${param(step.categories, 'text[]')})`);
  if (step.kind !== undefined) parts.push(`it.kind = ${param(step.kind, 'text')}`);
  if (step.itemId !== undefined) parts.push(`i."itemId" = ${param(step.itemId, 'bigint')}`);
  if (step.campaignId !== undefined) {
    const n = campaigns.indexOf(step.campaignId);
    // Only what members assigned to the campaign did after their assignment.
    parts.push(`ca${n}."memberId" IS NOT NULL AND i."occurredAt" >= ca${n}."assignedAt"`);
  }
  return `(${parts.join(' AND ')})`;
}

/** The grouping key per member, and the join that supplies it. */
export function breakdownSql(
  breakdown: FunnelBreakdown | undefined,
  param: (value: unknown, cast: string) => string,
  memberColumn = 'pm.member',
): { join: string; key: string } {
  switch (breakdown?.by) {
    case undefined:
      return { join: '', key: `'all'` };
    case 'segment':
      // A member in two segments counts in both; one in none shows as 'none'.
      return {
        join: ` LEFT JOIN segment_membership sm ON sm."memberId" = ${memberColumn} AND sm."segmentId" = ANY(${param(breakdown.segmentIds ?? [], 'uuid[]')})`,
        key: `COALESCE(sm."segmentId"::text, 'none')`,
      };
    case 'campaignArm':
      return {
        join: ` LEFT JOIN campaign_assignment bca ON bca."campaignId" = ${param(breakdown.campaignId, 'uuid')} AND bca."memberId" = ${memberColumn}`,
        key: `COALESCE(bca."variantKey", 'not assigned')`,
      };
    case 'partner':
      return { join: ' LEFT JOIN item ei ON ei.id = pm.entry_item', key: `COALESCE(ei."partnerId"::text, 'knowledge')` };
    case 'domain':
      return { join: ' LEFT JOIN item ei ON ei.id = pm.entry_item', key: `ei.domain::text` };
    case 'joinCohort':
      return { join: ` JOIN member bm ON bm.id = ${memberColumn}`, key: `to_char(bm."joinedAt", 'YYYY-MM')` };
  }
}
