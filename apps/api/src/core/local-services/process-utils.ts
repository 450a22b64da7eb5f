/**
 * Process helpers shared by the embedded PostgreSQL and the local Redis.
 *
 * Lifecycle of a service child process (both services use the same rules,
 * through supervised-process.ts, which also restarts one that dies):
 *
 * - It is spawned `detached` (its own process group) with stdin ignored and
 *   stdout/stderr written straight to a log file under the data folder. A
 *   Ctrl-C in the terminal therefore reaches only Node, which stops the
 *   services itself, after the app had a chance to close its connections; and
 *   no child ever holds the parent's stdout pipe open (a CI runner waiting
 *   for EOF would hang otherwise).
 * - Normal exit (`process.exit`, end of the event loop): the `exit` hook sends
 *   the stop signal synchronously; the service then shuts itself down cleanly.
 * - SIGINT / SIGTERM / SIGHUP: when nobody else listens for the signal, the
 *   services are stopped (awaited, with timeouts) and the signal is raised
 *   again with its default action, so the process ends as it would have. When
 *   the app listens too (Nest shutdown hooks), the app decides: it closes,
 *   then exits, and the `exit` hook stops what is still running.
 * - SIGKILL of the parent (or a crash that skips the hooks): a tiny watchdog
 *   (`sh` polling `kill -0` once a second, in its own process group, no
 *   stdio) sends the stop signal within about a second. If even the watchdog
 *   was killed (`kill -9` of everything), the next start finds the orphan by
 *   its pid file, checks it really is ours (its working directory is our data
 *   directory), stops it and goes on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

export type LocalServiceLog = (line: string) => void;

export interface LocalService {
  /** Connection URL (postgresql://… or redis://…), host 127.0.0.1. */
  url: string;
  port: number;
  /** The pid of the server process now; undefined while it is being restarted. */
  readonly pid: number | undefined;
  /** How many times it died and was started again. */
  readonly restarts: number;
  /** Stops the service and waits until its process has exited. Idempotent. */
  stop(): Promise<void>;
}

export const defaultLog: LocalServiceLog = (line) => console.log(`[crosslane] ${line}`);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** True when a process with this pid exists and is not a zombie. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (errnoCode(error) !== 'EPERM') return false;
  }
  try {
    // "pid (comm) S ..." — the state follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

/** The working directory of a process, or undefined when it can't be read. */
export function processCwd(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/**
 * The live process a server's pid file names, with its working directory
 * (undefined when it can't be read). Both local services read their pid file
 * this way: one left by a killed run may name a pid the system has since given
 * to an unrelated process, which the caller tells apart by that directory.
 */
export function pidFileProcess(pidFile: string): { pid: number; cwd: string | undefined } | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return undefined; // no pid file
  }
  return isPidAlive(pid) ? { pid, cwd: processCwd(pid) } : undefined;
}

/** Live processes running `executable` with their working directory in `cwd`. */
export function findProcesses(executable: string, cwd: string): number[] {
  let exe: string;
  try {
    exe = fs.realpathSync(executable);
  } catch {
    return [];
  }
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (fs.readlinkSync(`/proc/${pid}/exe`) !== exe) continue;
    } catch {
      continue;
    }
    if (processCwd(pid) === cwd && isPidAlive(pid)) found.push(pid);
  }
  return found;
}

export function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Polls until the pid is gone (for processes that are not our children). */
export async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isPidAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Stops a process that is not our child: signal, wait, escalate. */
export async function stopForeignProcess(pid: number, signals: Array<[NodeJS.Signals, number]>): Promise<void> {
  for (const [signal, waitMs] of signals) {
    if (!isPidAlive(pid)) return;
    signalPid(pid, signal);
    if (await waitForPidExit(pid, waitMs)) return;
  }
  signalPid(pid, 'SIGKILL');
  await waitForPidExit(pid, 5_000);
}

function childExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the child has exited (immediately if it already has). */
export function waitForChildExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (childExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Stops our own child: each signal in turn until it exits, SIGKILL last. */
export async function stopChild(child: ChildProcess, signals: Array<[NodeJS.Signals, number]>): Promise<void> {
  for (const [signal, waitMs] of signals) {
    if (childExited(child)) return;
    child.kill(signal);
    if (await waitForChildExit(child, waitMs)) return;
  }
  if (!childExited(child)) {
    child.kill('SIGKILL');
    await waitForChildExit(child, 5_000);
  }
}

/**
 * Starts a watchdog that sends `signal` to `childPid` as soon as this Node
 * process is gone (SIGKILL included). It ends by itself when the child ends.
 */
export function startWatchdog(childPid: number, signal: NodeJS.Signals): number | undefined {
  const script =
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'kill -0 "$2" 2>/dev/null && kill -s "$3" "$2" 2>/dev/null; exit 0';
  try {
    const watchdog = spawn(
      '/bin/sh',
      ['-c', script, 'crosslane-watchdog', String(process.pid), String(childPid), signal.replace(/^SIG/, '')],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.on('error', () => undefined);
    watchdog.unref();
    return watchdog.pid;
  } catch {
    return undefined;
  }
}

export function stopWatchdog(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM'); // its process group: sh and a pending sleep
  } catch {
    signalPid(pid, 'SIGTERM');
  }
}

// ---------------------------------------------------------------------------
// Cleanup registry: one set of process hooks for every running service.

interface ManagedService {
  name: string;
  /** Synchronous last resort, used by the `exit` hook. */
  killNow(): void;
  /** Graceful stop, used on signals. */
  stop(): Promise<void>;
}

const managed = new Set<ManagedService>();
const handledSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooksInstalled = false;

function onExit() {
  for (const service of managed) {
    try {
      service.killNow();
    } catch {
      // nothing more can be done while exiting
    }
  }
}

function onSignal(signal: NodeJS.Signals) {
  // Someone else (the Nest app, a test runner) handles this signal: let it
  // close in its own order; the exit hook stops whatever is still running.
  if (process.listenerCount(signal) > 1) return;
  const services = [...managed];
  void Promise.allSettled(services.map((service) => service.stop())).then(() => {
    removeHooks();
    process.kill(process.pid, signal); // default action now: end as usual
  });
}

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', onExit);
  for (const signal of handledSignals) process.on(signal, onSignal);
}

function removeHooks() {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off('exit', onExit);
  for (const signal of handledSignals) process.off(signal, onSignal);
}

/** Registers a running service; returns the function that unregisters it. */
export function registerCleanup(service: ManagedService): () => void {
  managed.add(service);
  installHooks();
  return () => {
    managed.delete(service);
    if (managed.size === 0) removeHooks();
  };
}

// ---------------------------------------------------------------------------
// Owner files: which Node process runs the service of a data directory.

export interface OwnerRecord {
  pid: number;
  /** Tells two starts of one process apart. */
  token?: string;
  childPid?: number;
  port?: number;
  startedAt: string;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Claims a data directory for this process. Throws when another live process
 * (or this one) already runs the service there; a record left by a dead
 * process is replaced (the caller then reaps what that run left running).
 * Returns the token that identifies this claim.
 */
export function claimOwnership(ownerFile: string, what: string): string {
  for (let attempt = 0; attempt < 3; attempt++) {
    const previous = readJson<OwnerRecord>(ownerFile);
    if (previous && isPidAlive(previous.pid)) {
      const who = previous.pid === process.pid ? 'this process' : `process ${previous.pid}`;
      throw new Error(
        `${what} is already running for this data folder (started by ${who}` +
          `${previous.port ? `, port ${previous.port}` : ''}). Stop it first, or set ` +
          `CROSSLANE_DATA_DIR to another folder.`,
      );
    }
    if (previous || fs.existsSync(ownerFile)) fs.rmSync(ownerFile, { force: true });
    try {
      const token = crypto.randomBytes(8).toString('hex');
      const record: OwnerRecord = { pid: process.pid, token, startedAt: new Date().toISOString() };
      fs.writeFileSync(ownerFile, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      return token;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
      // another process claimed it between our read and write: look again
    }
  }
  throw new Error(`Could not claim ${ownerFile}: another process keeps claiming it.`);
}

export function updateOwnership(ownerFile: string, token: string, update: Partial<OwnerRecord>): void {
  const current = readJson<OwnerRecord>(ownerFile);
  if (!current || current.token !== token) return;
  fs.writeFileSync(ownerFile, JSON.stringify({ ...current, ...update }), { mode: 0o600 });
}

/** True while the owner file still holds this claim (nobody took the folder over). */
export function stillOwned(ownerFile: string, token: string): boolean {
  return readJson<OwnerRecord>(ownerFile)?.token === token;
}

export function releaseOwnership(ownerFile: string, token: string): void {
  const current = readJson<OwnerRecord>(ownerFile);
  if (current && current.token !== token) return;
  fs.rmSync(ownerFile, { force: true });
}

/** The text appended to a file since byte `offset` (last `maxChars`). */
export function readLogSince(file: string, offset: number, maxChars = 4_000): string {
  try {
    const text = fs.readFileSync(file).subarray(offset).toString('utf8');
    return text.length > maxChars ? text.slice(-maxChars) : text;
  } catch {
    return '';
  }
}

export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The hooks of a supervised process that keep its owner file true: restart
 * only while the folder is still ours, record each new child's pid and port,
 * release the claim when the service stops for good.
 */
export function ownershipHooks(ownerFile: string, token: string) {
  return {
    mayRestart: () => stillOwned(ownerFile, token),
    onStarted: (pid: number, port: number) => updateOwnership(ownerFile, token, { childPid: pid, port }),
    onStopped: () => releaseOwnership(ownerFile, token),
  };
}
