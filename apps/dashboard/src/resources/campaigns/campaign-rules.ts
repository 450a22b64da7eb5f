import { campaignStillOpen, canTransition, formatSuppressedCount } from '@crosslane/domain-rules';
import {
  METRIC_DEFINITION_FIELDS,
  type CampaignDto,
  type CampaignStatusDto,
  type MetricDefinitionDto,
  type PartnerOverlapDto,
} from '@crosslane/contracts';
import type { ChipColor } from '../../common/StatusChip';
import { isManagerOrAdmin } from '../../common/permissions';

export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatusDto, ChipColor> = {
  DRAFT: 'default',
  SCHEDULED: 'info',
  RUNNING: 'success',
  STOPPED: 'warning',
  CONCLUDED: 'secondary',
};

export const canManageCampaigns = isManagerOrAdmin;

/** Which workflow buttons a campaign offers (before the role is considered): the API's own state machine, canTransition. */
export function campaignActions(status: CampaignStatusDto | undefined): {
  launch: boolean;
  stop: boolean;
  conclude: boolean;
  schedule: boolean;
  edit: boolean;
} {
  if (status === undefined) return { schedule: false, launch: false, stop: false, conclude: false, edit: false };
  return {
    schedule: canTransition(status, 'SCHEDULED'),
    launch: canTransition(status, 'RUNNING'),
    stop: canTransition(status, 'STOPPED'),
    conclude: canTransition(status, 'CONCLUDED'),
    edit: campaignStillOpen(status),
  };
}

/** A partner overlap as the planner shows it: suppressed values never appear as numbers; the gate's answer is worded as everywhere else. */
export function formatOverlap(
  p: Pick<PartnerOverlapDto, 'overlap' | 'suppressed' | 'minGroupSize'> & Partial<Pick<PartnerOverlapDto, 'disclosure'>>,
): string {
  return formatSuppressedCount({ count: p.overlap, suppressed: p.suppressed, threshold: p.minGroupSize, disclosure: p.disclosure });
}

/** An absolute effect in the metric's unit: percentage points for rates, money per member for revenue. */
export function formatEffect(value: number | null, metric: CampaignDto['primaryMetric']): string {
  if (value === null) return 'none detectable';
  return metric === 'REVENUE_PER_MEMBER' ? `${value.toFixed(2)} per member` : `${(value * 100).toFixed(2)} pp`;
}

const DESIGN_FIELDS = ['variants', 'primaryMetric', 'targetSegmentId', 'partnerIds'] as const;
const ALWAYS_FIELDS = ['name', 'objective', 'guardrailMetrics', 'startAt', 'endAt', 'minimumEffect'] as const;

/**
 * The body the API accepts for a create or an edit: only known fields (the
 * API refuses others), the design only while it may still change, and
 * variants without the form's helper fields.
 */
export function toCampaignBody(data: Record<string, unknown>, status?: CampaignStatusDto): Record<string, unknown> {
  const designOpen = status === undefined || status === 'DRAFT' || status === 'SCHEDULED';
  const fields = [...ALWAYS_FIELDS, ...(designOpen ? DESIGN_FIELDS : [])];
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = data[f];
    if (v === undefined || v === '') continue;
    body[f] = v;
  }
  if (Array.isArray(body.variants)) {
    body.variants = (body.variants as Record<string, unknown>[]).map((v) => {
      const out: Record<string, unknown> = {
        key: v.key,
        name: v.name,
        isControl: Boolean(v.isControl),
        weight: Number(v.weight),
        offerType: v.offerType ?? 'NONE',
      };
      if (v.offerItemId) out.offerItemId = String(v.offerItemId);
      if (v.modelId) out.modelId = v.modelId;
      return out;
    });
  }
  if (body.minimumEffect === null) delete body.minimumEffect;
  // The metric plan is fixed at launch: sent only while the campaign is a DRAFT (or being created).
  if (status === undefined || status === 'DRAFT') {
    const metrics = toMetricPlan(data.metrics);
    if (metrics !== undefined) body.metrics = metrics;
  }
  return body;
}

const METRIC_FIELDS = METRIC_DEFINITION_FIELDS;

/**
 * The form's metric rows as the API reads a plan: empty fields dropped, fields that do not apply to the kind
 * dropped (a measure on a binary metric, a denominator on a non-ratio), and no rows at all as null (the built-in metrics).
 */
export function toMetricPlan(rows: unknown): Record<string, unknown>[] | null | undefined {
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  return (rows as Record<string, unknown>[]).map((row) => {
    const out: Record<string, unknown> = {};
    for (const f of METRIC_FIELDS) {
      const v = row?.[f];
      if (v === undefined || v === null || v === '') continue;
      if (f === 'measure' && row.kind === 'binary') continue;
      if ((f === 'denominatorEventType' || f === 'denominatorMeasure') && row.kind !== 'ratio') continue;
      out[f] = v;
    }
    return out;
  });
}

/** One line per declared metric, as the campaign page lists the plan: "converted: binary, any CONVERSION, increase is good, primary, one-sided". */
export function describeMetric(m: MetricDefinitionDto): string {
  const read =
    m.kind === 'binary'
      ? `any ${m.eventType ?? '?'}`
      : m.kind === 'mean'
        ? `${m.measure ?? '?'} of ${m.eventType ?? '?'} per member`
        : `${m.measure ?? '?'} of ${m.eventType ?? '?'} / ${m.denominatorMeasure ?? '?'} of ${m.denominatorEventType ?? '?'}`;
  return `${m.name}: ${m.kind}, ${m.eventType ? read + ', ' : ''}${m.direction} is good, ${m.role}, ${m.hypothesis ?? 'two-sided'}`;
}

/** Sum of the form's weights, for the hint under the variants. */
export const weightSum = (variants: { weight?: number | string }[] | undefined): number =>
  Math.round((variants ?? []).reduce((s, v) => s + (Number(v.weight) || 0), 0) * 1e6) / 1e6;
