import { createHttpClient } from '../../dataProvider';

const API_URL = import.meta.env.VITE_API_URL ?? '/api';
const http = createHttpClient();

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface SegmentCell {
  dimension: string;
  band: string;
  arm: string;
  suppressed: boolean;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  holmPValue: number | null;
  winner: boolean;
}

export interface CampaignDecisionsDto {
  campaignId: string;
  name: string;
  controlArm: string;
  /** The yes/no metric the segment cells are computed on, and the ones an imported test lets you choose. */
  segmentMetric: string;
  segmentMetrics: string[];
  minGroupSize: number;
  segments: {
    alpha: number;
    cells: SegmentCell[];
    heterogeneity: { arm: string; dimension: string; q: number; df: number; pValue: number; significant: boolean }[];
    suppressedCells: number;
  };
  segmentsNote: string | null;
  roi: {
    arm: string;
    report: {
      cost: number;
      incrementalConversions: Interval;
      incrementalRevenue: Interval;
      roi: Interval;
      costPerIncrementalConversion: { estimate: number | null; lower: number | null; upper: number | null };
      breakEvenLift: number;
      probabilityRoiPositive: number;
    };
  }[];
  roiNote: string | null;
  upliftModels: {
    id: string;
    learner: string;
    status: string;
    evaluation: {
      qiniCoefficient: Interval;
      upliftAt30: number;
      beatsRandom: boolean;
      qiniCurve: { x: number[]; y: number[] };
      /** Held-out ROI as run and for the top 30 % by predicted uplift; null when no costs were set. */
      roi?: { all: { roi: Interval; probabilityRoiPositive: number }; top30: { roi: Interval; probabilityRoiPositive: number } } | null;
    } | null;
  }[];
}

export interface NextCampaignCandidateDto {
  segmentId: string;
  segmentName: string;
  partnerId: string;
  partnerName: string;
  offerType: string;
  segmentSize: number;
  shareableCount: number;
  k: number;
  expectedIncrementalConversions: number | null;
  expectedFrom: string | null;
  mde: number | null;
  partnerScore: number | null;
  refused: boolean;
  reason: string | null;
}

/** The decisions calls, with the same session and error handling as the data provider. */
export const decisionsApi = {
  decisions: async (campaignId: string, metric?: string) =>
    (await http(`${API_URL}/campaigns/${encodeURIComponent(campaignId)}/decisions${metric ? `?metric=${encodeURIComponent(metric)}` : ''}`))
      .json as CampaignDecisionsDto,
  trainUplift: async (campaignId: string, learner: 'T_LEARNER' | 'TRANSFORMED_OUTCOME') =>
    (await http(`${API_URL}/decisions/uplift-models`, { method: 'POST', body: JSON.stringify({ campaignId, learner }) })).json as {
      id: string;
      jobId: string;
    },
  nextCampaign: async () => (await http(`${API_URL}/decisions/next-campaign`)).json as NextCampaignCandidateDto[],
  createDraft: async (c: Pick<NextCampaignCandidateDto, 'segmentId' | 'partnerId' | 'offerType'>) =>
    (
      await http(`${API_URL}/decisions/next-campaign/drafts`, {
        method: 'POST',
        body: JSON.stringify({ segmentId: c.segmentId, partnerId: c.partnerId, offerType: c.offerType }),
      })
    ).json as { id: string },
};

/**
 * Forest-plot rows: shown cells only, in percentage points, labelled arm / band for a live campaign's
 * segments and arm / attribute = value for an imported test's bands (its "1" of mens and of newbie differ).
 */
export function forestRows(cells: readonly SegmentCell[]) {
  return cells
    .filter((c) => !c.suppressed && c.difference !== null)
    .map((c) => ({
      label: `${c.winner ? '★ ' : ''}${c.arm} / ${c.dimension === 'segment' ? c.band : `${c.dimension} = ${c.band}`}`,
      estimate: 100 * c.difference!,
      lower: 100 * c.lower!,
      upper: 100 * c.upper!,
    }));
}
