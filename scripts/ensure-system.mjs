#!/usr/bin/env node
// Makes sure the Debian packages the default path needs are there: redis-server
// (when REDIS_URL is not set) and, for browser tests, Chromium at
// /usr/bin/chromium with fonts-liberation (readable text in screenshots).
// As root it installs what is missing with apt-get (one `apt-get update` per
// run, non-interactive); otherwise it says exactly what to run.
// Plain Node, no dependencies.
//
//   import { ensureSystemPackages } from './ensure-system.mjs';
//   await ensureSystemPackages({ redis: !process.env.REDIS_URL, chromium: true });
//
//   node scripts/ensure-system.mjs [--chromium] [--no-redis]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const say = (line) => console.log(`[crosslane] ${line}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export const CHROMIUM_PATH = '/usr/bin/chromium';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findExecutable(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable);
}

/** The redis-server executable, looked for where local-redis.ts looks. */
export function findRedisServer() {
  return findExecutable('redis-server', ['/usr/bin', '/usr/sbin', '/usr/local/bin']);
}

/** True / false from dpkg; undefined where there is no dpkg (not Debian). */
function debInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  if (result.error) return undefined;
  return result.status === 0 && result.stdout.includes('install ok installed');
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

let aptUpdated = false;

function apt(args) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn('apt-get', ['-q', '-o', 'DPkg::Lock::Timeout=120', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk) => (output = (output + chunk.toString('utf8')).slice(-16_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function aptInstall(packages) {
  if (!aptUpdated) {
    const started = Date.now();
    say('apt-get update…');
    const update = await apt(['update']);
    if (update.code !== 0) {
      process.stderr.write(update.output.slice(-3_000));
      throw new Error(`apt-get update failed (exit ${update.code}).`);
    }
    aptUpdated = true;
    say(`apt-get update done in ${seconds(started)}`);
  }
  const started = Date.now();
  const slow = packages.includes('chromium') ? ' (Chromium: about a minute)' : '';
  say(`apt-get install -y ${packages.join(' ')}${slow}…`);
  const install = await apt(['install', '-y', ...packages]);
  if (install.code !== 0) {
    process.stderr.write(install.output.slice(-3_000));
    throw new Error(`apt-get install -y ${packages.join(' ')} failed (exit ${install.code}).`);
  }
  say(`installed ${packages.join(' ')} in ${seconds(started)}`);
}

/**
 * Installs the missing Debian packages among those asked for (as root), or
 * throws an error saying how to install them. Resolves to what was found:
 * { redisServer?: string, chromium?: string, installed: string[] }.
 */
export async function ensureSystemPackages({ redis = true, chromium = false } = {}) {
  const missing = []; // required: fatal when they can't be installed
  const optional = []; // nice to have: a warning only
  if (redis && !findRedisServer()) missing.push('redis-server');
  if (chromium) {
    if (!isExecutable(CHROMIUM_PATH)) missing.push('chromium');
    if (debInstalled('fonts-liberation') === false) optional.push('fonts-liberation');
  }
  const found = () => ({
    redisServer: redis ? findRedisServer() : undefined,
    chromium: chromium && isExecutable(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
  });
  const wanted = [...missing, ...optional];
  if (wanted.length === 0) return { ...found(), installed: [] };

  const canApt = isRoot() && Boolean(findExecutable('apt-get', ['/usr/bin']));
  if (!canApt) {
    const command = `sudo apt-get install -y ${wanted.join(' ')}`;
    if (missing.length === 0) {
      say(`optional: ${optional.join(' ')} is not installed (screenshots may lack fonts); install it with: ${command}`);
      return { ...found(), installed: [] };
    }
    const lines = [`missing system package(s): ${missing.join(', ')}.`, `Install with: ${command}`];
    if (!findExecutable('apt-get', ['/usr/bin'])) {
      lines[1] = `Install ${missing.join(' and ')} with your system's package manager (Debian/Ubuntu: ${command}).`;
    }
    if (missing.includes('redis-server')) {
      lines.push('Or set REDIS_URL to an existing Redis server, e.g. REDIS_URL=redis://127.0.0.1:6379.');
    }
    if (missing.includes('chromium')) lines.push(`The browser tests need Chromium at ${CHROMIUM_PATH}.`);
    throw new Error(lines.join('\n'));
  }

  say(`installing missing system package(s): ${wanted.join(' ')}`);
  await aptInstall(wanted);
  const result = { ...found(), installed: wanted };
  if (redis && !result.redisServer) throw new Error('apt-get installed redis-server, but redis-server cannot be found.');
  if (chromium && !result.chromium) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is missing.`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const args = new Set(process.argv.slice(2));
  const options = { redis: !args.has('--no-redis'), chromium: args.has('--chromium') };
  ensureSystemPackages(options).then(
    (result) => {
      const have = [result.redisServer && `redis-server (${result.redisServer})`, result.chromium && `chromium (${result.chromium})`];
      say(`system packages ready: ${have.filter(Boolean).join(', ') || 'nothing asked for'}`);
    },
    (error) => {
      console.error(`[crosslane] ${error.message}`);
      process.exit(1);
    },
  );
}
