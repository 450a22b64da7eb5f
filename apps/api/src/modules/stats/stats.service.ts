import { Injectable } from '@nestjs/common';
import type { InteractionsPerDayPoint, OverviewDto } from '@crosslane/contracts';
import { PrismaService } from '../../core/database/prisma.service';

@Injectable()
export class StatsService {
  constructor(private readonly prisma: PrismaService) {}

  async overview(): Promise<OverviewDto> {
    const [members, partners, knowledgeItems, partnerItems, interactions, span] = await Promise.all([
      this.prisma.member.count(),
      this.prisma.partner.count({ where: { status: { not: 'ARCHIVED' } } }),
      this.prisma.item.count({ where: { domain: 'KNOWLEDGE' } }),
      this.prisma.item.count({ where: { domain: 'PARTNER' } }),
      this.prisma.interaction.count(),
      this.prisma.interaction.aggregate({ _min: { occurredAt: true }, _max: { occurredAt: true } }),
    ]);
    return {
      members,
      partners,
      knowledgeItems,
      partnerItems,
      interactions,
      firstInteractionAt: span._min.occurredAt?.toISOString() ?? null,
      lastInteractionAt: span._max.occurredAt?.toISOString() ?? null,
    };
  }

  /**
   * Counted in the database, one row per day and domain, over the window
   * that ends at the latest interaction (demo data may end before today).
   * Days without interactions come back as zeros so the chart has no gaps.
   */
  async interactionsPerDay(days: number): Promise<InteractionsPerDayPoint[]> {
    const rows = await this.prisma.$queryRaw<{ day: string; domain: 'KNOWLEDGE' | 'PARTNER'; n: bigint }[]>`
      WITH bounds AS (SELECT date_trunc('day', max("occurredAt")) AS last_day FROM interaction)
      SELECT to_char(date_trunc('day', i."occurredAt"), 'YYYY-MM-DD') AS day, it.domain::text AS domain, count(*) AS n
      FROM interaction i JOIN item it ON it.id = i."itemId", bounds
      WHERE i."occurredAt" >= bounds.last_day - make_interval(days => ${days - 1}::int)
      GROUP BY 1, 2 ORDER BY 1`;
    if (rows.length === 0) return [];
    const byDay = new Map<string, InteractionsPerDayPoint>();
    for (const row of rows) {
      const point = byDay.get(row.day) ?? { day: row.day, KNOWLEDGE: 0, PARTNER: 0 };
      point[row.domain] = Number(row.n);
      byDay.set(row.day, point);
    }
    const last = new Date(`${rows[rows.length - 1].day}T00:00:00Z`);
    const series: InteractionsPerDayPoint[] = [];
    for (let offset = days - 1; offset >= 0; offset--) {
      const day = new Date(last.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
      series.push(byDay.get(day) ?? { day, KNOWLEDGE: 0, PARTNER: 0 });
    }
    return series;
  }
}
