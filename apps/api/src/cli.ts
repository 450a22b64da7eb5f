import path from 'node:path';
import { applyMigrations } from '@crosslane/db';
import { readAppConfig } from './core/config/app-config';
import { provisionInfrastructure } from './core/runtime/infrastructure';
import { startCrosslane } from './bootstrap/start-crosslane';

const say = (line: string) => console.log(`[crosslane] ${line}`);

/**
 * `serve` (default): run in the role CROSSLANE_ROLE names (api, worker or all).
 * `migrate`: apply pending migrations and exit.
 */
export async function runCli(args: string[]): Promise<void> {
  const command = args[0] ?? 'serve';
  const config = readAppConfig();
  const infrastructure = await provisionInfrastructure(config, say, { redis: command !== 'migrate' });
  config.databaseUrl = infrastructure.databaseUrl;
  config.redisUrl = infrastructure.redisUrl;
  for (const line of infrastructure.started) say(`Started ${line} (data in ${config.dataDir})`);

  if (command === 'migrate') {
    try {
      const result = await applyMigrations({
        connectionString: config.databaseUrl,
        migrationsDir: path.join(config.repoRoot, 'prisma', 'migrations'),
        log: say,
      });
      say(result.applied.length > 0 ? `Applied ${result.applied.join(', ')}` : `Up to date (${result.alreadyApplied} migrations)`);
    } finally {
      await infrastructure.stop();
    }
    return;
  }
  if (command !== 'serve') throw new Error(`Unknown command "${command}": use serve or migrate`);

  let running: Awaited<ReturnType<typeof startCrosslane>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    await running?.close().catch((e: Error) => say(`While closing: ${e.message}`));
    await infrastructure.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    running = await startCrosslane(config, say);
  } catch (error) {
    await infrastructure.stop();
    throw error;
  }
  if (running.url) {
    say(`Dashboard: ${running.url}/`);
    say(`API docs:  ${running.url}/api/docs`);
  }
  if (running.demoWorldJobId) say(`Loading the demo world in the background (Jobs screen, job ${running.demoWorldJobId})`);
  say(`Running as ${config.role}. Ctrl-C stops everything this process started.`);
}
