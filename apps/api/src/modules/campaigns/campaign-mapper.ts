import type {
  CampaignAnalysisDto,
  CampaignDto,
  CampaignVariantDto,
  MetricDefinitionDto,
  OfferType,
  PrimaryMetric,
  UnitKind,
} from '@crosslane/contracts';
import type { Prisma } from '@crosslane/db';

type CampaignVariant = Prisma.CampaignVariantGetPayload<object>;
type CampaignAnalysis = Prisma.CampaignAnalysisGetPayload<object>;

export type CampaignWithVariants = Prisma.CampaignGetPayload<{ include: { variants: true } }>;

export function variantToDto(v: CampaignVariant): CampaignVariantDto {
  return {
    key: v.key,
    name: v.name,
    isControl: v.isControl,
    weight: v.weight,
    offerType: v.offerType as OfferType,
    offerItemId: v.offerItemId === null ? null : String(v.offerItemId),
    modelId: v.modelId,
  };
}

/** Variants in a stable order: control first, then by key, so every process hashes onto the same cumulative weights. */
export function orderedVariants<T extends { isControl: boolean; key: string; weight: number }>(variants: readonly T[]): T[] {
  return [...variants].sort((a, b) => (a.isControl === b.isControl ? a.key.localeCompare(b.key) : a.isControl ? -1 : 1));
}

/** The arms in analysis order (orderedVariants) and the control among them: the arm marked control, else the first. */
export function armsWithControl<T extends { isControl: boolean; key: string; weight: number }>(
  arms: readonly T[],
): { variants: T[]; control: T } {
  const variants = orderedVariants(arms);
  return { variants, control: variants.find((v) => v.isControl) ?? variants[0] };
}

export function campaignToDto(c: CampaignWithVariants): CampaignDto {
  return {
    id: c.id,
    name: c.name,
    objective: c.objective,
    status: c.status,
    targetSegmentId: c.targetSegmentId,
    partnerIds: c.partnerIds,
    primaryMetric: c.primaryMetric as PrimaryMetric,
    guardrailMetrics: c.guardrailMetrics,
    salt: c.salt,
    startAt: c.startAt?.toISOString() ?? null,
    endAt: c.endAt?.toISOString() ?? null,
    minimumEffect: c.minimumEffect,
    overrideReason: c.overrideReason,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    variants: orderedVariants(c.variants).map(variantToDto),
    unitKind: c.unitKind as UnitKind,
    metrics: (c.metrics as unknown as MetricDefinitionDto[] | null) ?? null,
  };
}

export function analysisToDto(a: CampaignAnalysis): CampaignAnalysisDto {
  return {
    id: a.id,
    campaignId: a.campaignId,
    jobId: a.jobId,
    method: a.method as CampaignAnalysisDto['method'],
    result: a.result as Record<string, unknown>,
    summary: a.summary,
    srmFlagged: a.srmFlagged,
    createdAt: a.createdAt.toISOString(),
  };
}
