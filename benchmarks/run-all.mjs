// `npm run bench`: every benchmark in turn, each printing its figures beside
// its reference run on this machine in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = ['import', 'recommender', 'serving', 'segments', 'campaigns', 'privacy', 'funnels', 'decisions', 'member-rights'].filter(
  (name) => fs.existsSync(path.join(here, name, 'run.mjs')),
);
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench:${name} ===`);
  const result = spawnSync(process.execPath, [path.join(here, name, 'run.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
