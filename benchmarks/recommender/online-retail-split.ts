import { buildInteractionMatrix, splitHoldoutPerUser, type InteractionMatrix } from '@crosslane/domain-recommender';
import { loadOnlineRetail } from './online-retail';

/** The held-out share and seed of every Online Retail benchmark's split. */
export const ONLINE_RETAIL_SPLIT = { fraction: 0.2, seed: 1 } as const;

export interface OnlineRetailSplit {
  /** All customers (sorted ids); rows of train, test and all. */
  readonly userIds: string[];
  /** Stock codes that occur in training (sorted): the columns of train and test. */
  readonly itemIds: string[];
  /** Every cleaned customer x stock code pair, binary, over every stock code (before the split). */
  readonly all: InteractionMatrix;
  readonly train: InteractionMatrix;
  readonly test: InteractionMatrix;
  readonly rowsRead: number;
  readonly rowsKept: number;
  /** Held-out pairs whose stock code never occurs in training, left out of test. */
  readonly droppedTestPairs: number;
}

/**
 * bench:recommender's split of UCI Online Retail, the one every recommender
 * benchmark scores on: the standard cleaning (loadOnlineRetail), binary
 * customer x stock code, 20% held out per customer with splitHoldoutPerUser
 * (seed 1), then, as shared/tools/als_ref.py does with a given training file,
 * the catalogue cut to the stock codes seen in training and held-out pairs of
 * other codes dropped.
 */
export function onlineRetailBenchmarkSplit(file: string): OnlineRetailSplit {
  const data = loadOnlineRetail(file);
  const all = binary(
    buildInteractionMatrix({
      userIndices: data.userIndices,
      itemIndices: data.itemIndices,
      userCount: data.userIds.length,
      itemCount: data.itemIds.length,
    }),
  );
  const split = splitHoldoutPerUser(all, ONLINE_RETAIL_SPLIT);
  const position = new Int32Array(split.train.itemCount).fill(-1);
  const itemIds: string[] = [];
  for (let i = 0; i < split.train.itemCount; i++) {
    if (split.train.byItem.indptr[i + 1] > split.train.byItem.indptr[i]) {
      position[i] = itemIds.length;
      itemIds.push(data.itemIds[i]);
    }
  }
  let droppedTestPairs = 0;
  const remap = (m: InteractionMatrix, countDropped: boolean): InteractionMatrix => {
    const users: number[] = [];
    const items: number[] = [];
    for (let u = 0; u < m.userCount; u++) {
      for (let t = m.byUser.indptr[u]; t < m.byUser.indptr[u + 1]; t++) {
        const i = position[m.byUser.indices[t]];
        if (i < 0) {
          if (countDropped) droppedTestPairs++;
          continue;
        }
        users.push(u);
        items.push(i);
      }
    }
    return binary(buildInteractionMatrix({ userIndices: users, itemIndices: items, userCount: m.userCount, itemCount: itemIds.length }));
  };
  const train = remap(split.train, false);
  const test = remap(split.test, true);
  return { userIds: data.userIds, itemIds, all, train, test, rowsRead: data.rowsRead, rowsKept: data.rowsKept, droppedTestPairs };
}

export function binary(m: InteractionMatrix): InteractionMatrix {
  return {
    ...m,
    byUser: { ...m.byUser, values: new Float64Array(m.byUser.values.length).fill(1) },
    byItem: { ...m.byItem, values: new Float64Array(m.byItem.values.length).fill(1) },
  };
}
