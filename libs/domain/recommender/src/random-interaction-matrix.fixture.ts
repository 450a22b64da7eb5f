import { buildInteractionMatrix, type InteractionMatrix } from './interaction-matrix';
import { createSeededRandom } from './seeded-random';

/**
 * Test fixture shared by the ALS specs: each user x item pair is present with
 * probability `density` (seeded), binary, or with `counts` a count of 1 to 3
 * drawn right after the pair (so the two kinds differ in their random streams).
 */
export function randomInteractionMatrix(users: number, items: number, density: number, seed: number, counts = false): InteractionMatrix {
  const random = createSeededRandom(seed);
  const u: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  for (let a = 0; a < users; a++) {
    for (let b = 0; b < items; b++) {
      if (random() < density) {
        u.push(a);
        i.push(b);
        if (counts) v.push(1 + Math.floor(random() * 3));
      }
    }
  }
  return buildInteractionMatrix({ userIndices: u, itemIndices: i, ...(counts ? { values: v } : {}), userCount: users, itemCount: items });
}
