import { ConflictException, Injectable } from '@nestjs/common';
import type { ClusterFeatureSet } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';

interface ProfileRow {
  memberId: bigint;
  recencyDays: number | null;
  frequency: number;
  monetary: unknown;
  partnerSpend: unknown;
  carInterest: number;
  categoryAffinity: Record<string, Record<string, number>> | null;
  latentFactors: number[];
}

export interface FeatureSpace {
  features: ClusterFeatureSet;
  labels: string[];
  row(profile: ProfileRow): number[];
}

const AFFINITY_CATEGORIES = 6;
const SELECT = Prisma.sql`SELECT "memberId", "recencyDays", frequency, monetary, "partnerSpend", "carInterest", "categoryAffinity", "latentFactors" FROM member_profile`;

/** Turns profiles into feature vectors for k-means: RFM, spend, car interest and the most common affinities, or the model's latent factors. */
@Injectable()
export class ClusterFeaturesService {
  constructor(private readonly prisma: PrismaService) {}

  async space(features: ClusterFeatureSet): Promise<FeatureSpace> {
    if (features === 'LATENT') {
      const [row] = await this.prisma.$queryRaw<
        { k: number | null }[]
      >`SELECT max(cardinality("latentFactors"))::int AS k FROM member_profile`;
      const k = row?.k ?? 0;
      if (k === 0) {
        throw new ConflictException({
          message:
            'features: LATENT needs the latent factors of an active recommender model in the profiles; none is active (or the profile job has not run since one was activated)',
          fields: [{ field: 'features', message: 'no active model factors' }],
        });
      }
      return {
        features,
        labels: Array.from({ length: k }, (_, j) => `factor ${j + 1}`),
        row: (p) => (p.latentFactors.length === k ? p.latentFactors : new Array<number>(k).fill(0)),
      };
    }
    // The categories that most members have any affinity for, across both domains.
    const top = await this.prisma.$queryRaw<{ domain: string; category: string }[]>`
      SELECT d.key AS domain, c.key AS category FROM member_profile p, jsonb_each(p."categoryAffinity") d, jsonb_each(d.value) c
      WHERE p."categoryAffinity" IS NOT NULL GROUP BY d.key, c.key ORDER BY sum((c.value)::text::float8) DESC, d.key, c.key LIMIT ${AFFINITY_CATEGORIES}`;
    const labels = [
      'recency (days)',
      'frequency',
      'spend (log)',
      'partner spend (log)',
      'car interest',
      ...top.map((t) => `${t.category} affinity`),
    ];
    return {
      features,
      labels,
      row: (p) => [
        p.recencyDays ?? 365,
        p.frequency,
        Math.log1p(Number(p.monetary)),
        Math.log1p(Number(p.partnerSpend)),
        p.carInterest,
        ...top.map((t) => p.categoryAffinity?.[t.domain]?.[t.category] ?? 0),
      ],
    };
  }

  /** A deterministic sample of scored profiles (same seed, same members). */
  async sample(space: FeatureSpace, size: number, seed: number): Promise<{ memberIds: bigint[]; rows: number[][] }> {
    const latentOnly = space.features === 'LATENT' ? Prisma.sql`AND cardinality("latentFactors") > 0` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<
      ProfileRow[]
    >`${SELECT} WHERE "rScore" IS NOT NULL ${latentOnly} ORDER BY md5(${String(seed)} || "memberId"::text) LIMIT ${size}`;
    return { memberIds: rows.map((r) => r.memberId), rows: rows.map(space.row) };
  }

  /** All scored profiles in member-id order, a page at a time. */
  async *pages(space: FeatureSpace, pageSize = 5000): AsyncGenerator<{ memberIds: bigint[]; rows: number[][] }> {
    let after = -1n;
    const latentOnly = space.features === 'LATENT' ? Prisma.sql`AND cardinality("latentFactors") > 0` : Prisma.empty;
    for (;;) {
      const rows = await this.prisma.$queryRaw<
        ProfileRow[]
      >`${SELECT} WHERE "rScore" IS NOT NULL ${latentOnly} AND "memberId" > ${after} ORDER BY "memberId" LIMIT ${pageSize}`;
      if (rows.length === 0) return;
      yield { memberIds: rows.map((r) => r.memberId), rows: rows.map(space.row) };
      after = rows[rows.length - 1].memberId;
    }
  }
}
