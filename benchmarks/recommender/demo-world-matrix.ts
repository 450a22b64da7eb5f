import type { DemoWorld } from '@crosslane/domain-demo-world';
import { buildInteractionMatrix, type InteractionMatrix, type ItemDomain } from '@crosslane/domain-recommender';
import { binary } from './online-retail-split';

/**
 * The product's matrix of a demo world: members and items with interactions,
 * indexed in order of appearance, binary (1 when the member touched the item
 * at all, the product's default weighting), with each item's domain. One
 * definition, so the tuning and per-direction benchmarks measure the same data.
 */
export function demoWorldMatrix(world: DemoWorld): { all: InteractionMatrix; itemDomains: ItemDomain[] } {
  const userOf = new Map<number, number>();
  const itemOf = new Map<number, number>();
  const users: number[] = [];
  const items: number[] = [];
  for (const x of world.interactions) {
    if (!userOf.has(x.memberIndex)) userOf.set(x.memberIndex, userOf.size);
    if (!itemOf.has(x.itemIndex)) itemOf.set(x.itemIndex, itemOf.size);
    users.push(userOf.get(x.memberIndex)!);
    items.push(itemOf.get(x.itemIndex)!);
  }
  const itemDomains: ItemDomain[] = new Array(itemOf.size);
  for (const [worldIndex, row] of itemOf) itemDomains[row] = world.items[worldIndex].domain as ItemDomain;
  return { all: binary(buildInteractionMatrix({ userIndices: users, itemIndices: items })), itemDomains };
}
