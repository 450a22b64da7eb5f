import { Injectable } from '@nestjs/common';
import type { InteractionWeighting, ModelSnapshotDto, RecommenderScope } from '@crosslane/contracts';
import { buildInteractionMatrix, type InteractionMatrix, type ItemDomain } from '@crosslane/domain-recommender';
import { PrismaService } from '../../core/database/prisma.service';

/** The member x item matrix of one scope, with the database ids each row and column stands for. */
export interface LoadedInteractions {
  matrix: InteractionMatrix;
  memberIds: bigint[];
  itemIds: bigint[];
  itemDomains: ItemDomain[];
  snapshot: Omit<ModelSnapshotDto, 'trainPairs' | 'testPairs'>;
}

/**
 * Reads interactions set-wise: Postgres groups them into member x item pairs
 * (one row per pair, aggregated into three arrays), so the API process never
 * walks individual events. Only interactions with id <= maxInteractionId are
 * read, which makes a retried job see exactly the data the first run saw.
 */
@Injectable()
export class RecommenderDataRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Whether any model was ever trained (of any status): the demo world queues its first training only on a database without. */
  async anyModel(): Promise<boolean> {
    return (await this.prisma.recommenderModel.count()) > 0;
  }

  async maxInteractionId(): Promise<bigint> {
    const [row] = await this.prisma.$queryRaw<{ max: bigint | null }[]>`SELECT max(id) AS max FROM interaction`;
    return row?.max ?? 0n;
  }

  async load(scope: RecommenderScope, maxInteractionId: bigint, weighting: InteractionWeighting): Promise<LoadedInteractions> {
    const domain = scope === 'ALL' ? null : scope;
    const [pairs] = await this.prisma.$queryRaw<
      { m: number[] | null; i: number[] | null; w: number[] | null; interactions: number; first: Date | null; last: Date | null }[]
    >`
      WITH pairs AS (
        SELECT x."memberId" AS m, x."itemId" AS i, sum(x.weight)::float8 AS w, count(*)::int AS n, min(x."occurredAt") AS first, max(x."occurredAt") AS last
        FROM interaction x JOIN item t ON t.id = x."itemId"
        WHERE x.id <= ${maxInteractionId} AND (${domain}::text IS NULL OR t.domain::text = ${domain}::text)
        GROUP BY x."memberId", x."itemId")
      SELECT array_agg(m::float8 ORDER BY m, i) AS m, array_agg(i::float8 ORDER BY m, i) AS i, array_agg(w ORDER BY m, i) AS w,
             coalesce(sum(n), 0)::int AS interactions, min(first) AS first, max(last) AS last
      FROM pairs`;
    const memberCol = pairs?.m ?? [];
    const itemCol = pairs?.i ?? [];
    const weightCol = pairs?.w ?? [];
    const memberIndex = new Map<number, number>();
    const itemIndex = new Map<number, number>();
    const userIndices = new Int32Array(memberCol.length);
    const itemIndices = new Int32Array(memberCol.length);
    const values = new Float64Array(memberCol.length);
    for (let t = 0; t < memberCol.length; t++) {
      let u = memberIndex.get(memberCol[t]);
      if (u === undefined) memberIndex.set(memberCol[t], (u = memberIndex.size));
      let j = itemIndex.get(itemCol[t]);
      if (j === undefined) itemIndex.set(itemCol[t], (j = itemIndex.size));
      userIndices[t] = u;
      itemIndices[t] = j;
      // Binary: "has interacted" (the protocol of the reference benchmark); sum: the stored weights added up (view 1 ... purchase 4, rating = stars).
      values[t] = weighting === 'binary' ? 1 : Math.max(weightCol[t], 0);
    }
    const itemIds = [...itemIndex.keys()].map((id) => BigInt(id));
    const domains = itemIds.length
      ? await this.prisma.item.findMany({ where: { id: { in: itemIds } }, select: { id: true, domain: true } })
      : [];
    const domainOf = new Map(domains.map((d) => [d.id, d.domain as ItemDomain]));
    const matrix = buildInteractionMatrix({ userIndices, itemIndices, values, userCount: memberIndex.size, itemCount: itemIndex.size });
    return {
      matrix,
      memberIds: [...memberIndex.keys()].map((id) => BigInt(id)),
      itemIds,
      itemDomains: itemIds.map((id) => domainOf.get(id) ?? 'KNOWLEDGE'),
      snapshot: {
        members: memberIndex.size,
        items: itemIndex.size,
        interactions: pairs?.interactions ?? 0,
        pairs: memberCol.length,
        from: pairs?.first ? pairs.first.toISOString() : null,
        to: pairs?.last ? pairs.last.toISOString() : null,
        maxInteractionId: maxInteractionId.toString(),
      },
    };
  }
}
