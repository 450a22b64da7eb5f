/** Small system helpers: root check, executable lookup, apt-get. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LocalServiceLog } from './process-utils';

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Looks for `name` on PATH, then in the given extra folders. */
export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command, collecting stdout+stderr (the last 8 kB are kept). */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

let aptUpdated: Promise<void> | undefined;

/**
 * `apt-get update` (once per process) then `apt-get install -y <packages>`,
 * non-interactive. Only for root on a machine with apt-get; throws with the
 * tail of apt's output when it fails.
 */
export async function aptInstall(packages: string[], log: LocalServiceLog): Promise<void> {
  const aptGet = findExecutable('apt-get', ['/usr/bin', '/bin']);
  if (!aptGet) throw new Error('apt-get is not available on this machine.');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=120'];
  if (!aptUpdated) {
    aptUpdated = (async () => {
      log('apt-get update …');
      const result = await run(aptGet, ['update', '-q', ...lockWait], { env });
      if (result.code !== 0) {
        aptUpdated = undefined;
        throw new Error(`apt-get update failed (exit ${result.code}):\n${result.output.slice(-2_000)}`);
      }
    })();
  }
  await aptUpdated;
  const started = Date.now();
  log(`apt-get install -y ${packages.join(' ')} …`);
  const result = await run(aptGet, ['install', '-y', '-q', ...lockWait, ...packages], { env });
  if (result.code !== 0) {
    throw new Error(`apt-get install -y ${packages.join(' ')} failed (exit ${result.code}):\n${result.output.slice(-2_000)}`);
  }
  log(`installed ${packages.join(' ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
