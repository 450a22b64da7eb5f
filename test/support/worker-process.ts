import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '../../dist/apps/api/src/main.js');

/**
 * A worker as operators run it: the built binary with CROSSLANE_ROLE=worker,
 * on the same database and Redis prefix as the app under test. Its output is
 * kept and printed if it exits on its own, the likeliest cause of a failure.
 */
export function startWorkerProcess(env: Record<string, string>): ChildProcess {
  const worker = spawn(process.execPath, [MAIN, 'serve'], {
    env: { ...process.env, ...env, CROSSLANE_ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  worker.stdout!.on('data', (chunk) => output.push(String(chunk)));
  worker.stderr!.on('data', (chunk) => output.push(String(chunk)));
  worker.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM') console.error(`worker exited (${code ?? signal}):\n${output.join('').slice(-4000)}`);
  });
  return worker;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
