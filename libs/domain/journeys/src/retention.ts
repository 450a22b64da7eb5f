import type { RetentionCohortDto } from '@crosslane/contracts';
import { breakdownSql } from './funnel-sql';
import { JourneyValidationError, type DateRange, type JourneyError } from './funnel-types';
import { wilsonInterval } from './wilson-interval';

export const RETENTION_ANCHORS = ['firstInteraction', 'join', 'firstPartnerPurchase'] as const;
export type RetentionAnchor = (typeof RETENTION_ANCHORS)[number];
export const RETENTION_PERIODS = ['week', 'month'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
export const RETENTION_BREAKDOWNS = ['segment', 'campaignArm'] as const;
export const MAX_RETENTION_PERIODS = 52;

export interface RetentionDefinition {
  anchor: RetentionAnchor;
  period: RetentionPeriod;
  /** Later periods to show after the cohort's own (period 0). */
  periods: number;
  breakdown?: { by: (typeof RETENTION_BREAKDOWNS)[number]; segmentIds?: string[]; campaignId?: string };
}

/**
 * Checks a retention request and names each bad field.
 *
 * Example: `validateRetention({ anchor: 'signup', period: 'week', periods: 8 })` gives
 * `[{ path: 'anchor', message: 'must be one of firstInteraction, join, firstPartnerPurchase' }]`.
 */
export function validateRetention(input: unknown): JourneyError[] {
  const errors: JourneyError[] = [];
  if (typeof input !== 'object' || input === null)
    return [{ path: 'retention', message: 'must be an object with anchor, period and periods' }];
  const r = input as Record<string, unknown>;
  if (!(RETENTION_ANCHORS as readonly unknown[]).includes(r.anchor))
    errors.push({ path: 'anchor', message: `must be one of ${RETENTION_ANCHORS.join(', ')}` });
  if (!(RETENTION_PERIODS as readonly unknown[]).includes(r.period))
    errors.push({ path: 'period', message: `must be one of ${RETENTION_PERIODS.join(', ')}` });
  if (typeof r.periods !== 'number' || !Number.isInteger(r.periods) || r.periods < 1 || r.periods > MAX_RETENTION_PERIODS) {
    errors.push({ path: 'periods', message: `must be a whole number from 1 to ${MAX_RETENTION_PERIODS}` });
  }
  if (r.breakdown !== undefined) {
    const b = r.breakdown as Record<string, unknown> | null;
    if (!b || !(RETENTION_BREAKDOWNS as readonly unknown[]).includes(b.by)) {
      errors.push({ path: 'breakdown.by', message: `must be one of ${RETENTION_BREAKDOWNS.join(', ')}` });
    }
  }
  return errors;
}

export function assertValidRetention(input: unknown): RetentionDefinition {
  const errors = validateRetention(input);
  if (errors.length > 0) throw new JourneyValidationError(errors);
  return input as RetentionDefinition;
}

/** One cell of the query: members of a cohort active `offset` periods after it. */
export interface RetentionSqlRow {
  key: string;
  cohort: string;
  offset: number;
  active: number;
}

/**
 * Retention as ONE statement: a single scan of the interactions before the
 * end groups them into (member, period) pairs, a window over each member
 * finds the anchor period (first interaction, or first partner purchase;
 * the join date comes from member), and one GROUP BY counts the members of
 * each cohort active in each later period. Period 0 of a cohort is the
 * anchor's own period, so it is the cohort's size for the two activity
 * anchors; join cohorts are sized from member (a member who never came back
 * still counts). Periods are calendar weeks (ISO, Monday) or months, UTC.
 * Method: classic cohort analysis (e.g. Fader and Hardie on customer-base
 * retention), counted set-wise.
 *
 * Example: for weekly first-interaction cohorts, rows like
 * `{ key: 'all', cohort: '2026-09-07', offset: 2, active: 31 }`.
 */
export function retentionQuery(definition: RetentionDefinition, range: DateRange): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const unit = param(definition.period, 'text');
  const from = param(range.from.toISOString(), 'timestamp');
  const to = param(range.to.toISOString(), 'timestamp');
  const offset =
    definition.period === 'week'
      ? `((a.p::date - a.cohort::date) / 7)`
      : `((extract(year FROM a.p) * 12 + extract(month FROM a.p)) - (extract(year FROM a.cohort) * 12 + extract(month FROM a.cohort)))::int`;
  const partner = definition.anchor === 'firstPartnerPurchase';
  const activity =
    `SELECT i."memberId" AS member, date_trunc(${unit}, i."occurredAt") AS p` +
    (partner ? `, bool_or(i.type = 'PURCHASE' AND it.domain = 'PARTNER') AS bought` : '') +
    ` FROM interaction i${partner ? ' JOIN item it ON it.id = i."itemId"' : ''} WHERE i."occurredAt" < ${to} GROUP BY 1, 2`;
  const anchor =
    definition.anchor === 'join'
      ? `SELECT act.member, act.p, date_trunc(${unit}, m."joinedAt") AS cohort FROM activity act JOIN member m ON m.id = act.member`
      : `SELECT member, p, min(p) FILTER (WHERE ${partner ? 'bought' : 'true'}) OVER (PARTITION BY member) AS cohort FROM activity`;
  const { join, key } = breakdownSql(definition.breakdown, param, 'a.member');
  const cells =
    `SELECT ${key} AS key, to_char(a.cohort, 'YYYY-MM-DD') AS cohort, ${offset} AS "offset", count(*)::int AS active ` +
    `FROM anchored a${join} WHERE a.cohort >= date_trunc(${unit}, ${from}) AND a.cohort < ${to} AND a.p >= a.cohort GROUP BY 1, 2, 3`;
  let sql = `WITH activity AS (${activity}), anchored AS (${anchor}) ${cells}`;
  if (definition.anchor === 'join') {
    // Join cohorts are sized by the members who joined, active or not: offset -1 carries the size.
    const { join: mJoin, key: mKey } = breakdownSql(definition.breakdown, param, 'm.id');
    sql +=
      ` UNION ALL SELECT ${mKey} AS key, to_char(date_trunc(${unit}, m."joinedAt"), 'YYYY-MM-DD'), -1, count(*)::int ` +
      `FROM member m${mJoin} WHERE m."joinedAt" >= date_trunc(${unit}, ${from}) AND m."joinedAt" < ${to} GROUP BY 1, 2`;
  }
  return { sql: `${sql} ORDER BY 1, 2, 3`, params };
}

/** One cohort's row of the triangle: the wire shape in libs/contracts is the domain's, so it is written once, there. */
export type RetentionCohort = RetentionCohortDto;

export interface RetentionGroup {
  key: string;
  cohorts: RetentionCohort[];
  /** Member-weighted share active per offset, over the cohorts that have reached it, with a Wilson interval. */
  curve: { offset: number; share: number | null; low: number | null; high: number | null; members: number }[];
}

/**
 * Shapes the cells into the retention triangle per breakdown key: one row
 * per cohort, one column per later period, blank (null) where the period
 * lies after the last complete period, and the weighted curve (pooled
 * active / pooled cohort size over the cohorts observed at that offset).
 *
 * Example: a cohort of 10 with 4 active a period later has shares [1, 0.4, ...].
 */
export function shapeRetention(
  definition: RetentionDefinition,
  rows: readonly RetentionSqlRow[],
  lastPeriodStart: string,
  keys: readonly string[] = ['all'],
): RetentionGroup[] {
  const allKeys = [...keys, ...new Set(rows.map((r) => r.key).filter((k) => !keys.includes(k)))];
  return allKeys.map((key) => {
    const mine = rows.filter((r) => r.key === key);
    const cohorts = [...new Set(mine.map((r) => r.cohort))].sort();
    const shaped = cohorts.map((cohort): RetentionCohort => {
      const cells = new Map(mine.filter((r) => r.cohort === cohort).map((r) => [Number(r.offset), Number(r.active)]));
      const size = definition.anchor === 'join' ? (cells.get(-1) ?? 0) : (cells.get(0) ?? 0);
      const observable = periodsBetween(definition.period, cohort, lastPeriodStart);
      const active = Array.from({ length: definition.periods + 1 }, (_, o) => (o <= observable ? (cells.get(o) ?? 0) : null));
      return { cohort, size, active, shares: active.map((a) => (a === null ? null : size === 0 ? 0 : a / size)) };
    });
    const curve = Array.from({ length: definition.periods + 1 }, (_, o) => {
      const seen = shaped.filter((c) => c.active[o] !== null);
      const members = seen.reduce((s, c) => s + c.size, 0);
      const active = seen.reduce((s, c) => s + (c.active[o] ?? 0), 0);
      if (members === 0) return { offset: o, share: null, low: null, high: null, members };
      const w = wilsonInterval(Math.min(active, members), members);
      return { offset: o, share: active / members, low: w.low, high: w.high, members };
    });
    return { key, cohorts: shaped, curve };
  });
}

/** Whole periods from the cohort's start to the last period's start (both 'YYYY-MM-DD', UTC). */
export function periodsBetween(period: RetentionPeriod, cohort: string, last: string): number {
  const a = new Date(`${cohort}T00:00:00Z`);
  const b = new Date(`${last}T00:00:00Z`);
  if (period === 'week') return Math.floor((b.getTime() - a.getTime()) / (7 * 86_400_000));
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/** The start of the last period that ended by `end`: the one before the period containing it. */
export function lastCompletePeriodStart(period: RetentionPeriod, end: Date): string {
  const d = new Date(`${periodStart(period, end)}T00:00:00Z`);
  if (period === 'week') d.setUTCDate(d.getUTCDate() - 7);
  else d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

/** The start of the period containing `at` (UTC; weeks start on Monday, as PostgreSQL's date_trunc('week')). */
export function periodStart(period: RetentionPeriod, at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), period === 'month' ? 1 : at.getUTCDate()));
  if (period === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
