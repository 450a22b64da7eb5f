// EASE against numpy's EASE alone, on the split files bench-recommender.ts
// wrote (its temporary folder, printed at the end of its run):
//   node benchmarks/recommender/run.mjs benchmarks/recommender/ease-only.ts SPLIT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { buildInteractionMatrix } from '@crosslane/domain-recommender';
import { benchEase } from './ease-bench';
import { readSplitFile } from './split-files';

/** Standalone: read the split files bench-recommender.ts wrote (SPLIT_DIR), indexed as ease_ref.py does. */
async function standalone(): Promise<void> {
  const splitDir = process.argv[2];
  if (!splitDir || !fs.existsSync(path.join(splitDir, 'train.csv'))) {
    throw new Error('usage: run.mjs ease-bench.ts SPLIT_DIR (a folder with train.csv and test.csv as bench-recommender.ts writes them)');
  }
  const trainRows = readSplitFile(path.join(splitDir, 'train.csv'));
  const testRows = readSplitFile(path.join(splitDir, 'test.csv'));
  // Sorted ids, as the benchmark and ease_ref.py index them.
  const sortedIndex = (ids: Iterable<string>) => new Map([...new Set(ids)].sort().map((id, n) => [id, n] as [string, number]));
  const users = sortedIndex([...trainRows.users, ...testRows.users]);
  const items = sortedIndex(trainRows.items);
  const train = buildInteractionMatrix({
    userIndices: trainRows.users.map((u) => users.get(u)!),
    itemIndices: trainRows.items.map((i) => items.get(i)!),
    values: trainRows.values,
    userCount: users.size,
    itemCount: items.size,
  });
  const kept = testRows.items.map((i) => items.get(i));
  const test = buildInteractionMatrix({
    userIndices: testRows.users.filter((_, t) => kept[t] !== undefined).map((u) => users.get(u)!),
    itemIndices: kept.filter((i): i is number => i !== undefined),
    userCount: users.size,
    itemCount: items.size,
  });
  await benchEase(train, test, splitDir, process.env['CROSSLANE_PYTHON'] ?? 'python3');
}

standalone().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
