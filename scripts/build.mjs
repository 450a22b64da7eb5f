// Builds what `npm start` runs: the API (TypeScript -> CommonJS under
// dist/, same layout as the sources, by SWC: it keeps decorator metadata,
// which Nest's dependency injection needs) and the dashboard (Vite).
// Each part is rebuilt only when one of its sources is newer than its output.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repoRoot, 'dist');
const API_SOURCES = ['apps/api/src', 'libs/db/src', 'libs/contracts/src', 'libs/domain', 'libs/util'];
// The dashboard also imports the browser-safe rules (libs/domain/rules).
const DASHBOARD_SOURCES = ['apps/dashboard', 'libs/ui-charts', 'libs/contracts/src', 'libs/domain/rules'];
const say = (line) => console.log(`[crosslane] ${line}`);

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function newestMtime(files) {
  return files.reduce((max, file) => Math.max(max, fs.statSync(file).mtimeMs), 0);
}

export async function buildApi({ force = false } = {}) {
  const { transformFile } = await import('@swc/core');
  const swcrc = JSON.parse(fs.readFileSync(path.join(repoRoot, '.swcrc'), 'utf8'));
  const sources = API_SOURCES.flatMap((dir) => walk(path.join(repoRoot, dir))).filter(
    (file) => /\.ts$/.test(file) && !/\.(spec|test|d)\.ts$/.test(file) && !file.includes(`${path.sep}benchmarks${path.sep}`),
  );
  let compiled = 0;
  for (const source of sources) {
    const relative = path.relative(repoRoot, source);
    const target = path.join(dist, relative.replace(/\.ts$/, '.js'));
    if (!force && fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(source).mtimeMs) continue;
    const output = await transformFile(source, {
      ...swcrc,
      swcrc: false,
      filename: source,
      sourceFileName: path.relative(path.dirname(target), source),
    });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${output.code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (output.map) fs.writeFileSync(`${target}.map`, output.map);
    compiled++;
  }
  const tsconfig = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tsconfig.base.json'), 'utf8'));
  const aliases = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => [name, target.replace(/\.tsx?$/, '.js')]),
  );
  // A library added under a folder API_SOURCES does not cover would only fail when a process first requires it
  // (a worker started by hand, `npm start`): say so here, naming the alias.
  const missing = Object.entries(aliases).filter(
    ([, target]) => /\.js$/.test(target) && !target.startsWith('libs/ui-charts') && !fs.existsSync(path.join(dist, target)),
  );
  if (missing.length > 0) {
    throw new Error(
      `API build: no compiled output for ${missing.map(([name, target]) => `${name} (${target})`).join(', ')}; add its folder to API_SOURCES in scripts/build.mjs`,
    );
  }
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, 'aliases.json'), JSON.stringify(aliases, null, 2));
  if (compiled > 0) say(`API: compiled ${compiled} of ${sources.length} files`);
  return path.join(dist, 'apps/api/src/main.js');
}

export function buildDashboard({ force = false } = {}) {
  const outDir = path.join(dist, 'apps/dashboard');
  const marker = path.join(outDir, 'index.html');
  const sources = DASHBOARD_SOURCES.flatMap((dir) => walk(path.join(repoRoot, dir)));
  if (!force && fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newestMtime(sources)) return;
  say('Dashboard: building with Vite (about a minute on two cores)');
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('Dashboard build failed (see above)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ensureNodeModules } = await import('./ensure-installed.mjs');
  await ensureNodeModules();
  const force = process.argv.includes('--force');
  await buildApi({ force });
  buildDashboard({ force });
}
