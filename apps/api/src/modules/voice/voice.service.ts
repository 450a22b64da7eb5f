import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { MarketSignalSeriesDto, PartnerVoiceDto } from '@crosslane/contracts';
import { carVocabulary, topicsOfPartnerCategory, type CarVocabulary, type InterestTopicMapping } from '@crosslane/domain-segments';
import {
  fallingItems,
  marketComplementarityScore,
  ratingSummary,
  ratingTrend,
  reviewThemes,
  SMALL_SAMPLE_REVIEWS,
  uxConsistencyScore,
} from '@crosslane/domain-voice';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { PrismaService } from '../../core/database/prisma.service';
import { fieldError } from '../../core/http/list-query';
import { InterestTaxonomyService } from '../taxonomy/interest-taxonomy.service';

const DAY_MS = 86_400_000;
/** The default window: the last year (the demo world holds 9 months). */
const DEFAULT_WINDOW_DAYS = 365;
/** "Recent" for the items whose rating fell: the last 90 days against everything before in the window. */
export const RECENT_DAYS = 90;

export interface VoiceWindow {
  from: Date;
  to: Date;
}

/**
 * The voice of the customer: partner reviews summarised by partner, item
 * and category over time, their themes (libs/domain/voice), and market
 * signals beside the platform's own interest in the matching topics of the
 * interest taxonomy. Reads only; the maths is in the domain library.
 */
@Injectable()
export class VoiceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly taxonomy: InterestTaxonomyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The window from optional YYYY-MM-DD bounds (to is inclusive); 400 naming the field when one is malformed or reversed. */
  window(from: Date | null | undefined, to: Date | null | undefined): VoiceWindow {
    const end = to ? new Date(to.getTime() + DAY_MS) : this.clock.now();
    const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (start.getTime() >= end.getTime()) throw fieldError('from', 'from must be before to');
    return { from: start, to: end };
  }

  async partnerVoice(partnerId: string, window: VoiceWindow): Promise<PartnerVoiceDto> {
    const partner = await this.prisma.partner.findUnique({ where: { id: partnerId } });
    if (!partner) throw new NotFoundException(`No partner ${partnerId}`);
    const { from, to } = window;
    const reviews = await this.prisma.$queryRaw<
      {
        id: bigint;
        itemId: bigint | null;
        rating: number;
        text: string | null;
        reviewedAt: Date;
        title: string | null;
        category: string | null;
      }[]
    >`
      SELECT r.id, r."itemId", r.rating, r.text, r."reviewedAt", it.title, it.category
      FROM partner_review r LEFT JOIN item it ON it.id = r."itemId"
      WHERE r."partnerId" = ${partnerId}::uuid AND r."reviewedAt" >= ${from} AND r."reviewedAt" < ${to}
      ORDER BY r."reviewedAt", r.id`;
    // Every partner's reviews in the window are the prior's background: a theme is read against how all customers write.
    const background = await this.prisma.$queryRaw<{ text: string }[]>`
      SELECT text FROM partner_review WHERE text IS NOT NULL AND "reviewedAt" >= ${from} AND "reviewedAt" < ${to}`;

    const ratings = reviews.map((r) => r.rating);
    const summary = ratingSummary(ratings);
    const byMonth = groupBy(reviews, (r) => r.reviewedAt.toISOString().slice(0, 7));
    const byCategory = groupBy(reviews, (r) => r.category ?? '(the shop itself)');
    const items = new Map(
      reviews.filter((r) => r.itemId !== null).map((r) => [String(r.itemId), { title: r.title!, category: r.category! }]),
    );
    const falling = fallingItems(
      reviews.filter((r) => r.itemId !== null).map((r) => ({ itemId: String(r.itemId), at: r.reviewedAt.getTime(), rating: r.rating })),
      to.getTime() - RECENT_DAYS * DAY_MS,
    ).slice(0, 10);
    const themes = reviewThemes(
      reviews.filter((r) => r.text).map((r) => ({ id: String(r.id), rating: r.rating, text: r.text! })),
      background.map((b) => b.text),
    );

    const partnerCategories = (
      await this.prisma.item.findMany({ where: { partnerId }, distinct: ['category'], select: { category: true } })
    ).map((i) => i.category);
    const complementarity = await this.complementarity(partnerCategories, window);
    const scorecard = (partner.scorecard ?? {}) as Record<string, { score?: number }>;

    return {
      partnerId,
      partnerName: partner.name,
      from: from.toISOString(),
      to: to.toISOString(),
      reviews: summary.n,
      smallSample: summary.smallSample,
      sampleNote: summary.smallSample
        ? `Small sample: ${summary.n} review${summary.n === 1 ? '' : 's'} (${SMALL_SAMPLE_REVIEWS} or fewer). Read the figures and themes as indications, not findings.`
        : null,
      mean: { value: summary.mean, lower: summary.lower, upper: summary.upper },
      distribution: summary.distribution.map((count, i) => ({ rating: i + 1, count })),
      overTime: [...byMonth].map(([period, rows]) => {
        const s = ratingSummary(rows.map((r) => r.rating));
        return { period, count: s.n, mean: s.mean, lower: s.lower, upper: s.upper };
      }),
      trend: ratingTrend(reviews.map((r) => ({ at: (r.reviewedAt.getTime() - from.getTime()) / DAY_MS, rating: r.rating }))),
      byCategory: [...byCategory]
        .map(([category, rows]) => {
          const s = ratingSummary(rows.map((r) => r.rating));
          return { category, count: s.n, mean: s.mean, lower: s.lower, upper: s.upper };
        })
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      fallingItems: falling.map((f) => ({ ...f, title: items.get(f.itemId)!.title, category: items.get(f.itemId)!.category })),
      themes,
      measured: { uxConsistency: uxConsistencyScore(ratings), marketComplementarity: complementarity },
      managerScores: {
        uxConsistency: scorecard.uxConsistency?.score ?? null,
        marketComplementarity: scorecard.marketComplementarity?.score ?? null,
      },
    };
  }

  /** Each market-signal category over time beside the platform's interest in the topics the taxonomy maps it to. */
  async marketSignals(window: VoiceWindow): Promise<MarketSignalSeriesDto[]> {
    const topics = await this.taxonomy.topics();
    const signals = await this.prisma.marketSignal.findMany({
      where: { period: { gte: monthStart(window.from), lt: window.to } },
      orderBy: [{ category: 'asc' }, { source: 'asc' }, { period: 'asc' }],
    });
    const out: MarketSignalSeriesDto[] = [];
    for (const [key, rows] of groupBy(signals, (s) => `${s.category}\u0000${s.source}`)) {
      const [category, source] = key.split('\u0000');
      const matching = topicsOfPartnerCategory(topics, category);
      const interest = matching.length ? await this.interestByMonth(vocabularyOf(topics, matching), window) : null;
      out.push({
        category,
        source,
        topics: matching,
        points: rows.map((s) => {
          const period = s.period.toISOString().slice(0, 7);
          return { period, marketIndex: s.index, platformInterest: interest ? (interest.get(period) ?? 0) : null };
        }),
      });
    }
    return out;
  }

  /** Market complementarity, measured: the partner categories' mean market index against the platform's interest in their topics, month by month. */
  private async complementarity(partnerCategories: string[], window: VoiceWindow) {
    const topics = await this.taxonomy.topics();
    const matching = [...new Set(partnerCategories.flatMap((c) => topicsOfPartnerCategory(topics, c)))];
    const signals = await this.prisma.marketSignal.findMany({
      where: { category: { in: partnerCategories }, period: { gte: monthStart(window.from), lt: window.to } },
    });
    if (matching.length === 0 || signals.length === 0) return marketComplementarityScore([], []);
    const interest = await this.interestByMonth(vocabularyOf(topics, matching), window);
    const market = groupBy(signals, (s) => s.period.toISOString().slice(0, 7));
    const months = [...market.keys()].filter((m) => interest.has(m)).sort();
    return marketComplementarityScore(
      months.map((m) => market.get(m)!.reduce((a, s) => a + s.index, 0) / market.get(m)!.length),
      months.map((m) => interest.get(m)!),
    );
  }

  /** Per month (YYYY-MM): % of the platform's knowledge interactions on items of the vocabulary, in one pass over the window. */
  private async interestByMonth(vocabulary: CarVocabulary, window: VoiceWindow): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<{ period: string; share: number }[]>`
      SELECT to_char(date_trunc('month', i."occurredAt"), 'YYYY-MM') AS period,
             (100.0 * count(*) FILTER (WHERE it.category = ANY(${vocabulary.categories}::text[]) OR it.tags && ${vocabulary.tags}::text[]) / count(*))::float8 AS share
      FROM interaction i JOIN item it ON it.id = i."itemId" AND it.domain = 'KNOWLEDGE'
      WHERE i."occurredAt" >= ${monthStart(window.from)} AND i."occurredAt" < ${window.to}
      GROUP BY 1 ORDER BY 1`;
    return new Map(rows.map((r) => [r.period, Math.round(r.share * 100) / 100]));
  }
}

/** The knowledge categories and tags of the named topics, whether or not they count as car topics. */
function vocabularyOf(topics: InterestTopicMapping[], slugs: string[]): CarVocabulary {
  return carVocabulary(topics.filter((t) => slugs.includes(t.slug)).map((t) => ({ ...t, countsAsCar: true })));
}

function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
