import { Injectable } from '@nestjs/common';
import type { CarVocabulary } from '@crosslane/domain-segments';
import type { Prisma } from '@crosslane/db';
import { PrismaService } from '../../core/database/prisma.service';
import { CAR_INTEREST_UPDATE_SQL, LATENT_FACTORS_UPDATE_SQL, PROFILE_INSERT_SQL, PROFILES_AS_OF_SETTING } from './profile-sql';

/** The writes of one profile computation, all inside its transaction. */
export interface ProfileWriter {
  /** Deletes every profile and inserts the new ones (PROFILE_INSERT_SQL); returns how many. */
  replaceAll(asOf: Date, car: CarVocabulary, computedAt: Date): Promise<number>;
  /** Records the asOf, so a taxonomy change recomputes car interest as of the same instant. */
  recordAsOf(asOf: Date): Promise<void>;
  /** Writes k factors per member (flat, row-major); returns how many profiles got theirs. */
  writeLatentFactors(memberIds: bigint[], flat: number[], k: number): Promise<number>;
  /** Profiles with an R score (members with at least one interaction before asOf). */
  countScored(): Promise<number>;
}

/**
 * member_profile's writers: the full computation and the car-interest
 * correction. Both hold the same advisory lock, so they never interleave,
 * and each runs in one transaction, so a killed worker leaves the previous
 * profiles as they were.
 */
@Injectable()
export class ProfileComputationRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Runs `work` in one transaction under the profiles lock. */
  async underProfilesLock<T>(work: (writer: ProfileWriter) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:profiles'))`;
        return work(writerOn(tx));
      },
      { timeout: 60 * 60_000, maxWait: 60_000 },
    );
  }

  /**
   * Car interest of the members who touched the changed categories or tags,
   * with the taxonomy's current car vocabulary (CAR_INTEREST_UPDATE_SQL); returns how many profiles changed.
   */
  async recomputeCarInterest(asOf: Date, car: CarVocabulary, changed: { categories: string[]; tags: string[] }): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        // The same lock as the full computation.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:profiles'))`;
        return tx.$executeRawUnsafe(
          CAR_INTEREST_UPDATE_SQL,
          asOf.toISOString(),
          car.categories,
          car.tags,
          changed.categories,
          changed.tags,
        );
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }
}

function writerOn(tx: Prisma.TransactionClient): ProfileWriter {
  return {
    async replaceAll(asOf, car, computedAt) {
      await tx.$executeRawUnsafe('DELETE FROM member_profile');
      return tx.$executeRawUnsafe(PROFILE_INSERT_SQL, asOf.toISOString(), car.categories, computedAt.toISOString(), car.tags);
    },
    async recordAsOf(asOf) {
      await tx.setting.upsert({
        where: { key: PROFILES_AS_OF_SETTING },
        create: { key: PROFILES_AS_OF_SETTING, value: asOf.toISOString() },
        update: { value: asOf.toISOString() },
      });
    },
    writeLatentFactors(memberIds, flat, k) {
      return tx.$executeRawUnsafe(LATENT_FACTORS_UPDATE_SQL, memberIds, flat, k);
    },
    async countScored() {
      const [{ scored }] = await tx.$queryRawUnsafe<{ scored: number }[]>(
        'SELECT count(*)::int AS scored FROM member_profile WHERE "rScore" IS NOT NULL',
      );
      return scored;
    },
  };
}
