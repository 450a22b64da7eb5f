import { describe, expect, it } from 'vitest';
import type { PrismaService } from '../../core/database/prisma.service';
import { ModelFactorsService } from './model-factors.service';

const bytes = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

/** Models as the registry leaves them: each with its scope, version, activation time and the items it has factors for. */
const models = [
  { id: 'all-v1', version: 1, scope: 'ALL', status: 'ACTIVE', activatedAt: new Date('2026-05-01T00:00:00Z'), itemIds: [1n, 2n] },
  // Activated last, and trained on knowledge items only: item 1 is a knowledge item, item 2 a partner's.
  { id: 'knowledge-v2', version: 2, scope: 'KNOWLEDGE', status: 'ACTIVE', activatedAt: new Date('2026-06-01T00:00:00Z'), itemIds: [1n] },
  { id: 'partner-v0', version: 0, scope: 'PARTNER', status: 'RETIRED', activatedAt: null, itemIds: [2n] },
];

/** An in-memory registry: ACTIVE models, oldest version first, and each model's artifact; items 1 (knowledge) and 2 (partner p1). */
function service(rows: typeof models) {
  const prisma = {
    recommenderModel: {
      findMany: async () =>
        rows
          .filter((m) => m.status === 'ACTIVE')
          .sort((a, b) => a.version - b.version)
          .map((m) => ({ id: m.id, scope: m.scope })),
      findUnique: async ({ where }: { where: { id: string } }) => {
        const m = rows.find((r) => r.id === where.id);
        if (!m) return null;
        return {
          ...m,
          artifact: {
            factors: 1,
            memberIds: [10n],
            itemIds: m.itemIds,
            userFactors: bytes([1]),
            itemFactors: bytes(m.itemIds.map((id) => Number(id))),
          },
        };
      },
    },
    item: { findMany: async ({ where }: { where: { partnerId: string } }) => (where.partnerId === 'p1' ? [{ id: 2n }] : []) },
  } as unknown as PrismaService;
  return new ModelFactorsService(prisma);
}

describe('ModelFactorsService.active', () => {
  it('gives partner propensity the model that has partner items, not a KNOWLEDGE-only model activated last', async () => {
    const factors = service(models);
    const model = await factors.active();
    expect(model?.modelId).toBe('all-v1');
    expect(await factors.meanItemVector(model!, 'p1', undefined)).toEqual([2]);
  });

  it('gives no factors at all when only a KNOWLEDGE model is active', async () => {
    expect(await service(models.filter((m) => m.scope === 'KNOWLEDGE')).active()).toBeNull();
  });
});
