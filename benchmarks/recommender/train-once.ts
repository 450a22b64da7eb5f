// One timed training run in a fresh Node process, as each als_ref.py run is a
// fresh Python process: the time then includes what a first call pays
// (assembling and compiling the WebAssembly, V8's tier-up, worker start-up).
//   node benchmarks/recommender/run.mjs benchmarks/recommender/train-once.ts SPLIT_DIR THREADS PARAMS_JSON
// THREADS 0 runs factorizeImplicit, otherwise factorizeImplicitParallel. Prints
// {"seconds": ..., "checksum": ...} on stdout.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildInteractionMatrix,
  factorizeImplicit,
  factorizeImplicitParallel,
  type ImplicitAlsParams,
} from '@crosslane/domain-recommender';
import { factorChecksum, readSplitFile } from './split-files';

async function main(): Promise<void> {
  const [splitDir, threadsArg, paramsJson] = process.argv.slice(2);
  const threads = Number(threadsArg);
  const params = JSON.parse(paramsJson) as ImplicitAlsParams;
  const rows = readSplitFile(path.join(splitDir, 'train.csv'));
  const userIds = [...new Set(rows.users)].sort(byCodeUnit);
  const itemIds = [...new Set(rows.items)].sort(byCodeUnit);
  const userPosition = new Map(userIds.map((id, i) => [id, i]));
  const itemPosition = new Map(itemIds.map((id, i) => [id, i]));
  const train = buildInteractionMatrix({
    userIndices: rows.users.map((id) => userPosition.get(id) as number),
    itemIndices: rows.items.map((id) => itemPosition.get(id) as number),
    values: rows.values,
  });
  const start = performance.now();
  const model = threads === 0 ? factorizeImplicit(train, params) : await factorizeImplicitParallel(train, params, { threads });
  const seconds = (performance.now() - start) / 1000;
  fs.writeSync(1, JSON.stringify({ seconds, checksum: factorChecksum(model) }) + '\n');
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
