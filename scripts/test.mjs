// `npm test`: install what is missing (npm packages, redis-server, Chromium),
// build, check types, formatting and module boundaries, then run every test: unit,
// integration against a real PostgreSQL and Redis, API end-to-end and the
// browser test in Chromium. Extra arguments go to Vitest
// (e.g. `npm test -- --project e2e`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './ensure-installed.mjs';
import { ensureSystemPackages } from './ensure-system.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitestArgs = process.argv.slice(2);
const say = (line) => console.log(`[crosslane] ${line}`);

function run(label, command, args, env = {}) {
  say(label);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    say(`${label}: failed`);
    process.exit(result.status ?? 1);
  }
}

await ensureNodeModules();
await ensureSystemPackages({ redis: !process.env.REDIS_URL, chromium: true });
const { buildApi, buildDashboard } = await import('./build.mjs');
await buildApi();
buildDashboard();

if (vitestArgs.length === 0) {
  run('Type-checking', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
  run('Type-checking the dashboard', process.execPath, [
    'node_modules/typescript/bin/tsc',
    '-p',
    'apps/dashboard/tsconfig.json',
    '--noEmit',
  ]);
  run('Computing the project graph', process.execPath, ['node_modules/nx/dist/bin/nx.js', 'show', 'projects'], {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
  });
  run('Checking formatting (Prettier; `npm run format` fixes it)', process.execPath, [
    'node_modules/prettier/bin/prettier.cjs',
    '--check',
    '--log-level=warn',
    '.',
  ]);
  run('Linting (module boundaries)', process.execPath, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']);
  run('Checking that migrations match schema.prisma', process.execPath, ['scripts/db-diff.mjs', '--check']);
}
const report = path.join(repoRoot, 'tmp', 'vitest-report.json');
say('Running tests');
const tests = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs],
  {
    cwd: repoRoot,
    stdio: 'inherit',
  },
);
// One plain closing line, whatever the runner printed above it.
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(fs.readFileSync(report, 'utf8'));
  console.log(`${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`);
} catch {
  say('No test report was written');
}
process.exit(tests.status ?? 1);
