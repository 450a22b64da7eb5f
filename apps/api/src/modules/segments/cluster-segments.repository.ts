import { Injectable } from '@nestjs/common';
import type { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';

/** A cluster segment as the build job creates it, before its members and description. */
export interface NewClusterSegment {
  name: string;
  size: number;
  materialisedAt: Date;
  createdBy: string | null;
  config: Prisma.InputJsonObject;
}

/** What the members' profiles say about one cluster: mean R, F and M scores (null without scored members) and its top categories. */
export interface ClusterProfileSummary {
  rfm: { r: number | null; f: number | null; m: number | null };
  topCategories: string[];
}

/** The writes of one cluster group, all inside its transaction. */
export interface ClusterGroupWriter {
  create(segment: NewClusterSegment): Promise<string>;
  addMembers(segmentId: string, memberIds: bigint[]): Promise<void>;
  summarise(segmentId: string): Promise<ClusterProfileSummary>;
  describe(segmentId: string, description: string): Promise<void>;
}

const MEMBERSHIP_CHUNK = 50_000;

/**
 * The CLUSTER segments of one named group: a build replaces the whole group
 * in one transaction under a lock per group name, so a retry after a crash
 * finds the previous group intact and replaces it again.
 */
@Injectable()
export class ClusterSegmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Deletes the group's segments and runs `work` to write the new ones, in one transaction. */
  async replaceGroup<T>(group: string, work: (writer: ClusterGroupWriter) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crosslane:clusters:${group}`}))`;
        await tx.segment.deleteMany({ where: { kind: 'CLUSTER', config: { path: ['group'], equals: group } } });
        return work(writerOn(tx));
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }
}

function writerOn(tx: Prisma.TransactionClient): ClusterGroupWriter {
  return {
    async create(segment) {
      const row = await tx.segment.create({ data: { ...segment, kind: 'CLUSTER' } });
      return row.id;
    },
    async addMembers(segmentId, memberIds) {
      for (let start = 0; start < memberIds.length; start += MEMBERSHIP_CHUNK) {
        await tx.$executeRaw`INSERT INTO segment_membership ("segmentId", "memberId") SELECT ${segmentId}::uuid, unnest(${memberIds.slice(start, start + MEMBERSHIP_CHUNK)}::bigint[])`;
      }
    },
    async summarise(segmentId) {
      const [rfm] = await tx.$queryRaw<{ r: number | null; f: number | null; m: number | null }[]>`
        SELECT avg(p."rScore")::float8 AS r, avg(p."fScore")::float8 AS f, avg(p."mScore")::float8 AS m
        FROM segment_membership sm JOIN member_profile p ON p."memberId" = sm."memberId" WHERE sm."segmentId" = ${segmentId}::uuid`;
      const top = await tx.$queryRaw<{ category: string }[]>`
        SELECT c.key AS category FROM segment_membership sm JOIN member_profile p ON p."memberId" = sm."memberId",
               jsonb_each(p."categoryAffinity") d, jsonb_each(d.value) c
        WHERE sm."segmentId" = ${segmentId}::uuid GROUP BY c.key ORDER BY sum((c.value)::text::float8) DESC, c.key LIMIT 3`;
      return { rfm, topCategories: top.map((t) => t.category) };
    },
    async describe(segmentId, description) {
      await tx.segment.update({ where: { id: segmentId }, data: { description } });
    },
  };
}
