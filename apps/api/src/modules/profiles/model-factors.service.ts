import { Injectable } from '@nestjs/common';
import { activeModelFor, type ModelScope } from '@crosslane/domain-recommender';
import { PrismaService } from '../../core/database/prisma.service';

/**
 * The domain whose model the member factors come from. The factors on member
 * profiles exist for propensity towards a partner's items, and the profile
 * job (member factors) and the segment rules (item vectors) must read the same
 * model, so both ask for the model that serves partner items.
 */
export const PROPENSITY_DOMAIN: ModelScope = 'PARTNER';

export interface ActiveModelFactors {
  modelId: string;
  version: number;
  factors: number;
  memberIds: bigint[];
  itemIds: bigint[];
  /** Row-major, memberIds.length x factors. */
  userFactors: Float32Array;
  /** Row-major, itemIds.length x factors. */
  itemFactors: Float32Array;
}

/** Reads the factors of the ACTIVE recommender model that serves a domain (built by the recommender feature), if any. */
@Injectable()
export class ModelFactorsService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The active model that serves `domain`, by the serving cache's rule
   * (activeModelFor): not simply the latest activated, which may be a
   * KNOWLEDGE-only model without a single partner item.
   */
  async active(domain: ModelScope = PROPENSITY_DOMAIN): Promise<ActiveModelFactors | null> {
    const candidates = await this.prisma.recommenderModel.findMany({
      where: { status: 'ACTIVE' },
      orderBy: { version: 'asc' },
      select: { id: true, scope: true },
    });
    const chosen = activeModelFor(candidates, domain);
    if (!chosen) return null;
    const model = await this.prisma.recommenderModel.findUnique({ where: { id: chosen.id }, include: { artifact: true } });
    if (!model?.artifact) return null;
    const a = model.artifact;
    return {
      modelId: model.id,
      version: model.version,
      factors: a.factors,
      memberIds: a.memberIds,
      itemIds: a.itemIds,
      userFactors: toFloat32(a.userFactors),
      itemFactors: toFloat32(a.itemFactors),
    };
  }

  /**
   * The mean factor vector of a partner's items (optionally of one category):
   * a member's dot product with it is their mean predicted score over those items.
   * Null when no item of the set is in the model.
   */
  async meanItemVector(model: ActiveModelFactors, partnerId: string, category: string | undefined): Promise<number[] | null> {
    const items = await this.prisma.item.findMany({ where: { partnerId, ...(category ? { category } : {}) }, select: { id: true } });
    const wanted = new Set(items.map((i) => i.id));
    const sum = new Array<number>(model.factors).fill(0);
    let n = 0;
    model.itemIds.forEach((id, row) => {
      if (!wanted.has(id)) return;
      n += 1;
      for (let j = 0; j < model.factors; j++) sum[j] += model.itemFactors[row * model.factors + j];
    });
    return n > 0 ? sum.map((s) => s / n) : null;
  }
}

function toFloat32(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}
