import { BadRequestException, Injectable } from '@nestjs/common';
import { CALENDAR_DATE_RULE, parseCalendarDate } from '@crosslane/contracts';
import type {
  DateRangeInput,
  FunnelBreakdownInput,
  FunnelGroupDto,
  FunnelResultDto,
  RetentionResultDto,
  RetentionRunRequest,
} from '@crosslane/contracts';
import {
  FUNNEL_BREAKDOWNS,
  funnelQuery,
  lastCompletePeriodStart,
  retentionQuery,
  shapeFunnel,
  shapeRetention,
  validateFunnel,
  validateRetention,
  type DateRange,
  type FunnelBreakdown,
  type FunnelDefinition,
  type FunnelSqlRow,
  type JourneyError,
  type RetentionDefinition,
  type RetentionSqlRow,
} from '@crosslane/domain-journeys';
import { PrismaService } from '../../core/database/prisma.service';
import { isUuid } from '../../core/http/ids';

/** The longest range a funnel or retention request may cover. */
const MAX_RANGE_DAYS = 3 * 366;
/**
 * Above this many interactions in the scanned window (PostgreSQL's estimate),
 * `auto` runs as a job: a few million rows take seconds, which an HTTP
 * request should not hold (docs/benchmarks/funnels.md).
 */
export const LIVE_ROW_LIMIT = 2_000_000;

export interface FunnelJobPayload {
  kind: 'funnel';
  definition: FunnelDefinition;
  range: DateRangeInput;
  compareRange?: DateRangeInput;
  breakdown?: FunnelBreakdownInput;
}

export interface RetentionJobPayload {
  kind: 'retention';
  request: Omit<RetentionRunRequest, 'mode'>;
}

/**
 * Checks funnel and retention requests against the database (every partner,
 * item, campaign and segment they name must exist) and runs them as one SQL
 * statement each, built by libs/domain/journeys. Shared by the HTTP
 * controllers (live) and the run-journey job (large requests).
 */
@Injectable()
export class JourneysEngineService {
  constructor(private readonly prisma: PrismaService) {}

  /** The definition typed, or a 400 naming every bad step and field, including unknown partners, items, campaigns and categories. */
  async checkFunnel(input: unknown): Promise<FunnelDefinition> {
    const errors = validateFunnel(input).map((e) => ({ ...e, path: `definition.${e.path}` }));
    if (errors.length > 0) throw journeyError(errors);
    const funnel = input as FunnelDefinition;
    const partnerIds = unique(funnel.steps.map((s) => s.partnerId));
    const itemIds = unique(funnel.steps.map((s) => s.itemId));
    const campaignIds = unique(funnel.steps.map((s) => s.campaignId));
    const categories = unique(funnel.steps.flatMap((s) => [s.category, ...(s.categories ?? [])]));
    const kinds = unique(funnel.steps.map((s) => s.kind));
    const [partners, items, campaigns, known, knownKinds] = await Promise.all([
      this.prisma.partner.findMany({ where: { id: { in: partnerIds } }, select: { id: true } }),
      this.prisma.item.findMany({
        where: { id: { in: itemIds.map((id) => BigInt(id)) } },
        select: { id: true, domain: true, partnerId: true },
      }),
      this.prisma.campaign.findMany({ where: { id: { in: campaignIds } }, select: { id: true } }),
      this.prisma.item.findMany({ where: { category: { in: categories } }, select: { category: true }, distinct: ['category'] }),
      this.prisma.item.findMany({ where: { kind: { in: kinds } }, select: { kind: true }, distinct: ['kind'] }),
    ]);
    const kindSet = new Set(knownKinds.map((k) => k.kind));
    const partnerSet = new Set(partners.map((p) => p.id));
    const itemById = new Map(items.map((i) => [i.id.toString(), i]));
    const campaignSet = new Set(campaigns.map((c) => c.id));
    const categorySet = new Set(known.map((k) => k.category));
    funnel.steps.forEach((step, i) => {
      const path = `definition.steps[${i}]`;
      if (step.partnerId && !partnerSet.has(step.partnerId))
        errors.push({ path: `${path}.partnerId`, message: `unknown partner ${step.partnerId}` });
      if (step.campaignId && !campaignSet.has(step.campaignId))
        errors.push({ path: `${path}.campaignId`, message: `unknown campaign ${step.campaignId}` });
      if (step.category && !categorySet.has(step.category))
        errors.push({ path: `${path}.category`, message: `no item has the category "${step.category}"` });
      const missing = (step.categories ?? []).filter((c) => !categorySet.has(c));
      // A list of topics may name categories a catalogue lacks; only a list that matches nothing is an error.
      if (step.categories && missing.length === step.categories.length)
        errors.push({ path: `${path}.categories`, message: `no item has any of the categories ${missing.join(', ')}` });
      if (step.kind && !kindSet.has(step.kind)) errors.push({ path: `${path}.kind`, message: `no item is of kind "${step.kind}"` });
      if (step.itemId) {
        const item = itemById.get(step.itemId);
        if (!item) errors.push({ path: `${path}.itemId`, message: `unknown item ${step.itemId}` });
        else if (step.domain && item.domain !== step.domain)
          errors.push({
            path: `${path}.itemId`,
            message: `item ${step.itemId} is a ${item.domain} item, but the step asks for ${step.domain}`,
          });
        else if (step.partnerId && item.partnerId !== step.partnerId)
          errors.push({ path: `${path}.itemId`, message: `item ${step.itemId} is not sold by partner ${step.partnerId}` });
      }
    });
    if (errors.length > 0) throw journeyError(errors);
    return { steps: funnel.steps.map((s) => ({ ...s })), windowDays: funnel.windowDays, order: funnel.order };
  }

  async checkBreakdown(input: unknown, allowed: readonly string[] = FUNNEL_BREAKDOWNS): Promise<FunnelBreakdown | undefined> {
    if (input === undefined || input === null) return undefined;
    const b = input as Partial<FunnelBreakdown>;
    if (typeof input !== 'object' || !allowed.includes(b.by as string)) {
      throw journeyError([{ path: 'breakdown.by', message: `must be one of ${allowed.join(', ')}` }]);
    }
    if (b.by === 'segment') {
      const ids = b.segmentIds;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20 || !ids.every(isUuid)) {
        throw journeyError([{ path: 'breakdown.segmentIds', message: 'must list 1 to 20 segment ids' }]);
      }
      const found = await this.prisma.segment.findMany({ where: { id: { in: ids } }, select: { id: true } });
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) throw journeyError([{ path: 'breakdown.segmentIds', message: `unknown segment ${missing.join(', ')}` }]);
      return { by: 'segment', segmentIds: [...new Set(ids)] };
    }
    if (b.by === 'campaignArm') {
      if (!isUuid(b.campaignId) || !(await this.prisma.campaign.findUnique({ where: { id: b.campaignId } }))) {
        throw journeyError([{ path: 'breakdown.campaignId', message: `unknown campaign ${String(b.campaignId)}` }]);
      }
      return { by: 'campaignArm', campaignId: b.campaignId };
    }
    return { by: b.by as FunnelBreakdown['by'] };
  }

  /** [from, to) from the wire; 400 when a date is not a date, when from is not before to, or when the range is over three years. */
  parseRange(input: DateRangeInput | undefined, path: string): DateRange {
    const from = typeof input?.from === 'string' ? parseCalendarDate(input.from) : null;
    const to = typeof input?.to === 'string' ? parseCalendarDate(input.to) : null;
    const errors: JourneyError[] = [];
    if (!from) errors.push({ path: `${path}.from`, message: CALENDAR_DATE_RULE });
    if (!to) errors.push({ path: `${path}.to`, message: CALENDAR_DATE_RULE });
    if (from && to && from >= to) errors.push({ path: `${path}.to`, message: 'must be after from' });
    if (from && to && to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      errors.push({ path: `${path}.to`, message: `a range may cover at most ${MAX_RANGE_DAYS} days` });
    if (errors.length > 0) throw journeyError(errors);
    return { from: from!, to: to! };
  }

  /** PostgreSQL's estimate of the interactions in [from, to): what decides live or job, at the cost of a plan, not a scan. */
  async estimateRows(from: Date, to: Date): Promise<number> {
    const [row] = await this.prisma.$queryRawUnsafe<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[]>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM interaction WHERE "occurredAt" >= $1::timestamp AND "occurredAt" < $2::timestamp`,
      from.toISOString(),
      to.toISOString(),
    );
    return row['QUERY PLAN'][0].Plan['Plan Rows'];
  }

  async computeFunnel(payload: Omit<FunnelJobPayload, 'kind'>): Promise<FunnelResultDto> {
    const wall = performance.now();
    const range = this.parseRange(payload.range, 'range');
    const breakdown = payload.breakdown as FunnelBreakdown | undefined;
    const groups = await this.funnelGroups(payload.definition, range, breakdown);
    let compare: FunnelResultDto['compare'];
    if (payload.compareRange) {
      const other = this.parseRange(payload.compareRange, 'compareRange');
      compare = { range: isoRange(other), groups: await this.funnelGroups(payload.definition, other, breakdown) };
    }
    return { range: isoRange(range), groups, ...(compare ? { compare } : {}), elapsedMs: Math.round(performance.now() - wall) };
  }

  private async funnelGroups(
    definition: FunnelDefinition,
    range: DateRange,
    breakdown: FunnelBreakdown | undefined,
  ): Promise<FunnelGroupDto[]> {
    const query = funnelQuery(definition, range, breakdown);
    const rows = await this.prisma.$queryRawUnsafe<FunnelSqlRow[]>(query.sql, ...query.params);
    const keys = breakdown?.by === 'segment' ? breakdown.segmentIds! : breakdown ? [] : ['all'];
    const labels = await this.labels(breakdown, [...keys, ...rows.map((r) => r.key)]);
    return shapeFunnel(definition, rows, keys).map((g) => ({ ...g, label: labels.get(g.key) ?? g.key }));
  }

  checkRetention(input: Omit<RetentionRunRequest, 'mode'>): RetentionDefinition {
    const errors = validateRetention(input);
    if (errors.length > 0) throw journeyError(errors);
    return { anchor: input.anchor, period: input.period, periods: input.periods };
  }

  async computeRetention(request: Omit<RetentionRunRequest, 'mode'>): Promise<RetentionResultDto> {
    const wall = performance.now();
    const definition = this.checkRetention(request);
    const breakdown = await this.checkBreakdown(request.breakdown, ['segment', 'campaignArm']);
    const full: RetentionDefinition = { ...definition, ...(breakdown ? { breakdown: breakdown as RetentionDefinition['breakdown'] } : {}) };
    const range = this.parseRange(request.range, 'range');
    const query = retentionQuery(full, range);
    const rows = await this.prisma.$queryRawUnsafe<RetentionSqlRow[]>(query.sql, ...query.params);
    const keys = breakdown?.by === 'segment' ? breakdown.segmentIds! : breakdown ? [] : ['all'];
    const labels = await this.labels(breakdown, [...keys, ...rows.map((r) => r.key)]);
    const groups = shapeRetention(full, rows, lastCompletePeriodStart(full.period, range.to), keys).map((g) => ({
      ...g,
      label: labels.get(g.key) ?? g.key,
    }));
    return { anchor: full.anchor, period: full.period, range: isoRange(range), groups, elapsedMs: Math.round(performance.now() - wall) };
  }

  /** Names for breakdown keys: segment and partner names, 'All members'. */
  private async labels(breakdown: FunnelBreakdown | undefined, keys: string[]): Promise<Map<string, string>> {
    const labels = new Map<string, string>([
      ['all', 'All members'],
      ['none', 'In none of these segments'],
      ['knowledge', 'Knowledge platform'],
    ]);
    const ids = keys.filter(isUuid);
    if (breakdown?.by === 'segment' && ids.length > 0) {
      for (const s of await this.prisma.segment.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
        labels.set(s.id, s.name);
    }
    if (breakdown?.by === 'partner' && ids.length > 0) {
      for (const p of await this.prisma.partner.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
        labels.set(p.id, p.name);
    }
    return labels;
  }
}

export function journeyError(errors: JourneyError[]): BadRequestException {
  return new BadRequestException({
    message: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    fields: errors.map((e) => ({ field: e.path, message: e.message })),
  });
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
}

function isoRange(range: DateRange): { from: string; to: string } {
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}
