/** Voice of the customer (docs/voice-of-customer.md): one partner's reviews. */
export interface VoiceInterval {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface VoiceThemeDto {
  term: string;
  z: number;
  lowCount: number;
  highCount: number;
  examples: { id: string; rating: number; text: string }[];
}

export interface VoiceMeasuredScoreDto {
  score: number | null;
  lower: number | null;
  upper: number | null;
  basis: string;
}

export interface PartnerVoiceDto {
  partnerId: string;
  partnerName: string;
  from: string;
  to: string;
  reviews: number;
  /** True at 50 reviews or fewer: the figures are indicative only. */
  smallSample: boolean;
  /** The sentence the screen shows when smallSample, else null. */
  sampleNote: string | null;
  mean: VoiceInterval;
  /** Count of ratings 1..5. */
  distribution: { rating: number; count: number }[];
  /** Per calendar month (YYYY-MM): count and mean with its interval. */
  overTime: { period: string; count: number; mean: number | null; lower: number | null; upper: number | null }[];
  trend: { slopePer30Days: number; lower: number; upper: number; direction: 'falling' | 'rising' | 'flat' } | null;
  byCategory: { category: string; count: number; mean: number | null; lower: number | null; upper: number | null }[];
  fallingItems: {
    itemId: string;
    title: string;
    category: string;
    before: { n: number; mean: number };
    after: { n: number; mean: number };
    change: number;
  }[];
  themes: { low: VoiceThemeDto[]; high: VoiceThemeDto[]; lowReviews: number; highReviews: number };
  /** Measured values of two scorecard criteria, beside the manager's scores. */
  measured: { uxConsistency: VoiceMeasuredScoreDto; marketComplementarity: VoiceMeasuredScoreDto };
  managerScores: { uxConsistency: number | null; marketComplementarity: number | null };
}

/** One market-signal category beside the platform's interest in the topics it maps to. */
export interface MarketSignalSeriesDto {
  category: string;
  source: string;
  topics: string[];
  points: {
    period: string;
    marketIndex: number;
    /** Share (%) of the platform's knowledge interactions that month on the matching topics; null when no topic matches. */
    platformInterest: number | null;
  }[];
}
