/**
 * One lifecycle for the local services (embedded PostgreSQL, redis-server):
 * start on a free port, watch, restart when the process dies, stop.
 *
 * - First start: a free port of 127.0.0.1 is chosen; when the start fails
 *   because the port was taken meanwhile (or a killed server's shared memory
 *   is still attached), it is tried again on another port.
 * - After that the port never changes: a process that dies (an out-of-memory
 *   kill, a crash) is started again on the same port, so the connection
 *   strings the application holds stay valid and its clients reconnect by
 *   themselves. Restarts wait according to `RestartBackoff` (200 ms, then
 *   doubling while it keeps dying, at most 30 s) and write one log line
 *   each: when the restart succeeded, or why it failed and when the next try
 *   is.
 * - Stopping, the exit hook, signals and the watchdog for a SIGKILLed Node
 *   process work as described in process-utils.ts; `stop()` also cancels a
 *   restart that is waiting or in progress.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import {
  claimOwnership,
  errorMessage,
  fileSize,
  ownershipHooks,
  readLogSince,
  registerCleanup,
  releaseOwnership,
  sleep,
  startWatchdog,
  stopChild,
  stopWatchdog,
  type LocalService,
  type LocalServiceLog,
} from './process-utils';
import { DEFAULT_RESTART_POLICY, RestartBackoff, type RestartPolicy } from './restart-backoff';

export type StartOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };

export interface SupervisedProcessSpec {
  /** How log lines and errors name it: "redis-server", "PostgreSQL". */
  name: string;
  command: string;
  args(port: number): string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** The process's stdout and stderr are appended here. */
  logFile: string;
  /** A free port for the first start (called again when that port turns out to be taken). */
  choosePort(): Promise<number>;
  /** How a started process is known to serve on its port (see `waitUntilReady`). */
  readiness: Readiness;
  /** Graceful stop: each signal in turn with its wait, SIGKILL last. The first is also the watchdog's. */
  stopSignals: Array<[NodeJS.Signals, number]>;
  /**
   * Asked before each restart: false when the service is no longer ours to
   * restart (another process has taken over its data folder and stopped it).
   */
  mayRestart?(): boolean;
  /** Before each restart: clear what the dead process left behind (orphaned children, pid files). */
  beforeRestart?(): Promise<void>;
  /** After every successful start, first or restart. */
  onStarted?(pid: number, port: number): void;
  /** When the service is stopped for good (also from the exit hook: keep it synchronous). */
  onStopped?(): void;
  log: LocalServiceLog;
  maxStartAttempts?: number;
  policy?: RestartPolicy;
  /** The clock of the restart backoff and of the downtime in log lines. */
  now?: () => number;
}

export interface Readiness {
  /**
   * Asked every `pollMs` while the process runs: true once it serves on
   * `port`, false (or a throw) while not yet, or an outcome that ends the wait
   * (a server that refuses our credentials will not change its mind).
   */
  probe(port: number): Promise<boolean | StartOutcome>;
  timeoutMs: number;
  pollMs: number;
  /** What, in the log of a process that exited while starting, means another port may work (the port was taken meanwhile). */
  retryOnExit: RegExp;
}

export interface SupervisedProcess {
  readonly port: number;
  /** The pid of the running process; undefined while it is being restarted. */
  readonly pid: number | undefined;
  /** Restarts that succeeded since the first start. */
  readonly restarts: number;
  /** Stops the process (and any pending restart) and waits until it has exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Resolves once the process serves on `port`, or says why it cannot
 * (`retry`: worth another try on another port): it failed to spawn, it
 * exited (the reason is what it logged meanwhile), the probe gave up, or the
 * time ran out.
 */
export async function waitUntilReady(
  spec: Pick<SupervisedProcessSpec, 'name' | 'logFile' | 'readiness'>,
  child: ChildProcess,
  spawnError: () => Error | undefined,
  port: number,
  logOffset: number,
): Promise<StartOutcome> {
  const { probe, timeoutMs, pollMs, retryOnExit } = spec.readiness;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const error = spawnError();
    if (error) return { ok: false, retry: false, reason: error.message };
    if (child.exitCode !== null || child.signalCode !== null) {
      await sleep(50); // let the log settle
      const reason = readLogSince(spec.logFile, logOffset);
      return {
        ok: false,
        retry: retryOnExit.test(reason),
        reason: reason || `${spec.name} exited with ${child.exitCode ?? child.signalCode}`,
      };
    }
    try {
      const answer = await probe(port);
      if (answer === true) return { ok: true };
      if (answer !== false) return answer;
    } catch {
      // not serving yet
    }
    await sleep(pollMs);
  }
  return { ok: false, retry: false, reason: `${spec.name} did not answer within ${timeoutMs / 1000} s` };
}

/** The service as the application sees it: its URL, its port, and the supervised process's pid, restarts and stop. */
export function asLocalService(url: string, supervised: SupervisedProcess): LocalService {
  return {
    url,
    port: supervised.port,
    get pid() {
      return supervised.pid;
    },
    get restarts() {
      return supervised.restarts;
    },
    stop: supervised.stop,
  };
}

/**
 * Claims `ownerFile`, starts the service with the hooks that keep the claim
 * true, and gives the claim up when the start fails: the one lifecycle both
 * local services (PostgreSQL, redis-server) follow around their process.
 */
export async function startOwned<T>(
  ownerFile: string,
  what: string,
  start: (ownership: ReturnType<typeof ownershipHooks>) => Promise<T>,
): Promise<T> {
  const token = claimOwnership(ownerFile, what);
  try {
    return await start(ownershipHooks(ownerFile, token));
  } catch (error) {
    releaseOwnership(ownerFile, token);
    throw error;
  }
}

function firstLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return (lines.find((line) => /error|fatal|fail|in use/i.test(line)) ?? lines.at(-1) ?? '').trim().slice(0, 300);
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

export async function startSupervisedProcess(spec: SupervisedProcessSpec): Promise<SupervisedProcess> {
  const now = spec.now ?? Date.now;
  const backoff = new RestartBackoff(now, spec.policy ?? DEFAULT_RESTART_POLICY);
  const watchdogSignal = spec.stopSignals[0]?.[0] ?? 'SIGTERM';
  const abortSignals: Array<[NodeJS.Signals, number]> = [[spec.stopSignals.at(-1)?.[0] ?? 'SIGTERM', 5_000]];

  let child: ChildProcess | undefined;
  let watchdog: number | undefined;
  let port = 0;
  let restarts = 0;
  let stopRequested = false;
  let restarting: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let stopping: Promise<void> | undefined;

  const spawnOnce = async (onPort: number): Promise<{ child: ChildProcess; outcome: StartOutcome }> => {
    const logOffset = fileSize(spec.logFile);
    const logFd = fs.openSync(spec.logFile, 'a', 0o600);
    let spawned: ChildProcess;
    let spawnFailure: Error | undefined;
    try {
      spawned = spawn(spec.command, spec.args(onPort), {
        cwd: spec.cwd,
        env: spec.env,
        uid: spec.uid,
        gid: spec.gid,
        detached: true,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      fs.closeSync(logFd);
    }
    spawned.on('error', (error) => (spawnFailure = error));
    spawned.unref();
    const outcome = await waitUntilReady(spec, spawned, () => spawnFailure, onPort, logOffset);
    if (!outcome.ok) await stopChild(spawned, abortSignals);
    return { child: spawned, outcome };
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const restartAfter = async (deadPid: number | undefined, cause: string): Promise<void> => {
    const diedAt = now();
    let delay = backoff.nextDelayMs();
    for (let attempt = 1; ; attempt++) {
      await pause(delay);
      if (stopRequested) return;
      if (spec.mayRestart && !spec.mayRestart()) {
        spec.log(`${spec.name} (pid ${deadPid}) ${cause}; not restarted: another process has taken over its data folder`);
        return;
      }
      let outcome: StartOutcome;
      let started: ChildProcess | undefined;
      try {
        await spec.beforeRestart?.();
        const result = await spawnOnce(port);
        started = result.child;
        outcome = result.outcome;
      } catch (error) {
        outcome = { ok: false, retry: true, reason: errorMessage(error) };
      }
      if (outcome.ok && started) {
        if (stopRequested) {
          await stopChild(started, spec.stopSignals);
          return;
        }
        restarts += 1;
        adopt(started);
        spec.log(
          `${spec.name} (pid ${deadPid}) ${cause}; restarted on 127.0.0.1:${port} (pid ${started.pid}) ` +
            `after ${((now() - diedAt) / 1000).toFixed(1)} s`,
        );
        return;
      }
      if (stopRequested) return;
      delay = backoff.nextDelayMs();
      spec.log(
        `${spec.name} (pid ${deadPid}) ${cause}; restart ${attempt} on port ${port} failed ` +
          `(${firstLine(outcome.ok ? '' : outcome.reason)}); next try in ${(delay / 1000).toFixed(1)} s`,
      );
    }
  };

  const onChildExit = (exited: ChildProcess, code: number | null, signal: NodeJS.Signals | null) => {
    if (child !== exited) return;
    stopWatchdog(watchdog);
    watchdog = undefined;
    child = undefined;
    if (stopRequested) return;
    const restart = restartAfter(exited.pid, describeExit(code, signal)).catch((error: unknown) =>
      spec.log(`${spec.name}: could not restart: ${errorMessage(error)}`),
    );
    restarting = restart;
    void restart.finally(() => {
      if (restarting === restart) restarting = undefined;
    });
  };

  function adopt(running: ChildProcess): void {
    child = running;
    backoff.started();
    watchdog = startWatchdog(running.pid as number, watchdogSignal);
    if (running.exitCode !== null || running.signalCode !== null) {
      onChildExit(running, running.exitCode, running.signalCode);
    } else {
      running.once('exit', (code, signal) => onChildExit(running, code, signal));
    }
    spec.onStarted?.(running.pid as number, port);
  }

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopRequested = true;
      wake?.();
      await restarting;
      stopWatchdog(watchdog);
      if (child) await stopChild(child, spec.stopSignals);
      spec.onStopped?.();
      unregister();
    })();
    return stopping;
  };

  const unregister = registerCleanup({
    name: spec.name,
    stop,
    killNow: () => {
      stopRequested = true;
      wake?.();
      stopWatchdog(watchdog);
      child?.kill(watchdogSignal);
      spec.onStopped?.();
    },
  });
  const maxAttempts = spec.maxStartAttempts ?? 4;
  try {
    for (let attempt = 1; ; attempt++) {
      port = await spec.choosePort();
      const { child: started, outcome } = await spawnOnce(port);
      if (outcome.ok) {
        adopt(started);
        break;
      }
      if (!outcome.retry || attempt >= maxAttempts) {
        throw new Error(`${spec.name} failed to start (log: ${spec.logFile}):\n${outcome.reason.trim()}`);
      }
      spec.log(`${spec.name} could not start on port ${port}, retrying…`);
      await sleep(Math.min(500 * attempt, 2_000));
    }
  } catch (error) {
    unregister();
    throw error;
  }

  return {
    get port() {
      return port;
    },
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    stop,
  };
}
