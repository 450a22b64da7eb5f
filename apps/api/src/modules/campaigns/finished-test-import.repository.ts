import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Prisma } from '@crosslane/db';
import type { MetricDefinition, ParsedUnit } from '@crosslane/domain-experiments';
import type { RejectedRow } from '@crosslane/contracts';
import { PrismaService } from '../../core/database/prisma.service';

/** The concluded EXTERNAL campaign a finished-test import creates. */
export interface FinishedTestCampaignDraft {
  name: string;
  objective: string;
  metrics: MetricDefinition[];
  arms: { key: string; name: string; isControl: boolean; weight: number }[];
  startAt: Date | null;
  endAt: Date | null;
  createdBy: string | null;
}

const UNIT_CHUNK = 20_000;
const REJECTION_CHUNK = 10_000;

/**
 * Every read and write of the finished-test import (ImportFinishedTestJob):
 * the campaign and its units are written in one transaction, the units in
 * set-based chunks (one INSERT ... SELECT FROM unnest per 20,000 units), so
 * a failed or cancelled import leaves no half campaign behind.
 */
@Injectable()
export class FinishedTestImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  async campaignIdByName(name: string): Promise<string | null> {
    return (await this.prisma.campaign.findFirst({ where: { name }, select: { id: true } }))?.id ?? null;
  }

  /** The job's refused rows, replacing any an earlier attempt of the same job saved. */
  async replaceRejections(jobId: string, rejections: readonly RejectedRow[]): Promise<void> {
    await this.prisma.importRejection.deleteMany({ where: { jobId } });
    for (let start = 0; start < rejections.length; start += REJECTION_CHUNK) {
      await this.prisma.importRejection.createMany({
        data: rejections
          .slice(start, start + REJECTION_CHUNK)
          .map((r) => ({ jobId, rowNumber: r.rowNumber, field: r.field, reason: r.reason, value: r.value })),
      });
    }
  }

  /**
   * Creates the campaign with its arms and writes its units, all or nothing.
   * `beforeChunk` runs before each chunk (a cancellation checkpoint), `afterChunk` after it with the units written so far.
   */
  async createCampaignWithUnits(
    draft: FinishedTestCampaignDraft,
    units: readonly (ParsedUnit & { rowNumber: number })[],
    hooks: { beforeChunk: () => Promise<void>; afterChunk: (written: number) => Promise<void> },
  ): Promise<string> {
    return this.prisma.$transaction(
      async (tx) => {
        const campaign = await tx.campaign.create({
          data: {
            name: draft.name,
            objective: draft.objective,
            status: 'CONCLUDED',
            unitKind: 'EXTERNAL',
            metrics: draft.metrics as unknown as Prisma.InputJsonValue,
            primaryMetric: draft.metrics.find((m) => m.role === 'primary')?.name ?? draft.metrics[0]!.name,
            guardrailMetrics: draft.metrics.filter((m) => m.role === 'guardrail').map((m) => m.name),
            salt: randomBytes(8).toString('hex'),
            startAt: draft.startAt,
            endAt: draft.endAt,
            createdBy: draft.createdBy,
            variants: {
              create: draft.arms.map((a) => ({ key: a.key, name: a.name, isControl: a.isControl, weight: a.weight, offerType: 'NONE' })),
            },
          },
        });
        for (let start = 0; start < units.length; start += UNIT_CHUNK) {
          await hooks.beforeChunk();
          const chunk = units.slice(start, start + UNIT_CHUNK);
          await tx.$executeRaw`
            INSERT INTO experiment_unit ("campaignId", "unitKey", "variantKey", "exposedAt", "values", "rowNumber", "attributes")
            SELECT ${campaign.id}::uuid, k, v, (e::timestamptz AT TIME ZONE 'UTC'), x::float8[], r, a::jsonb
            FROM unnest(${chunk.map((u) => u.unitKey)}::text[], ${chunk.map((u) => u.variantKey)}::text[], ${chunk.map((u) => u.exposedAt?.toISOString() ?? null)}::text[],
                        ${chunk.map((u) => `{${u.values.join(',')}}`)}::text[], ${chunk.map((u) => u.rowNumber)}::int[],
                        ${chunk.map((u) => (u.attributes ? JSON.stringify(u.attributes) : null))}::text[]) AS t(k, v, e, x, r, a)`;
          await hooks.afterChunk(Math.min(units.length, start + UNIT_CHUNK));
        }
        return campaign.id;
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
  }

  /** Fresh planner statistics before anyone analyses: a first plan on stale ones took minutes (issue 12). */
  async analyseUnitTable(): Promise<void> {
    await this.prisma.$executeRawUnsafe('ANALYZE experiment_unit');
  }
}
