import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fs from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '@crosslane/db';
import { AppModule } from '../app.module';
import { AccountsService } from '../modules/accounts/accounts.service';
import { DemoWorldService } from '../modules/demo-world/demo-world.service';
import { AppConfig, runsHttp } from '../core/config/app-config';
import { configureHttp } from '../core/runtime/configure-http';

export interface RunningCrosslane {
  app: INestApplicationContext;
  /** The base URL when this process serves HTTP. */
  url: string | null;
  demoWorldJobId: string | null;
  close(): Promise<void>;
}

/**
 * Starts one process in its role, on infrastructure that is already up:
 * migrations (serialised across processes by an advisory lock), the first
 * admin, the demo world on an empty database, then HTTP and/or workers.
 */
export async function startCrosslane(config: AppConfig, print: (line: string) => void = console.log): Promise<RunningCrosslane> {
  // Applies the configured levels to the logs written before Nest starts (migrations) too.
  Logger.overrideLogger(config.logLevels);
  const logger = new Logger('Crosslane');
  const migrations = await applyMigrations({
    connectionString: config.databaseUrl!,
    migrationsDir: path.join(config.repoRoot, 'prisma', 'migrations'),
    log: (line: string) => logger.log(line),
  });
  if (migrations.applied.length > 0) logger.log(`Applied migrations: ${migrations.applied.join(', ')}`);

  let app: INestApplicationContext;
  let url: string | null = null;
  if (runsHttp(config)) {
    // The certificate is read at start, so a missing or unreadable file stops the process with its path named.
    const tls = config.transport?.mode === 'https' ? readTls(config.transport.certFile, config.transport.keyFile) : undefined;
    const httpApp = await NestFactory.create<NestFastifyApplication>(
      AppModule.forConfig(config),
      // X-Forwarded-For is a client's claim: believed only when the socket is a proxy the operator named.
      new FastifyAdapter({
        trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
        bodyLimit: 1024 * 1024,
        ...(tls ? { https: tls } : {}),
      }),
      // JSON bodies are parsed by core/http/body-guard.ts (depth checked before parsing), not by Nest's parser.
      { bufferLogs: false, logger: config.logLevels, bodyParser: false },
    );
    await configureHttp(httpApp, config);
    await httpApp.listen(config.port, config.host);
    const address = httpApp.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `${tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    app = httpApp;
  } else {
    app = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger: config.logLevels });
    await app.init();
  }
  app.enableShutdownHooks();

  // Accounts are an HTTP concern: a worker-only process neither needs nor creates them.
  if (runsHttp(config)) await app.get(AccountsService).ensureFirstAdmin(print);
  const demoWorldJobId = await app.get(DemoWorldService).enqueueIfEmpty();
  return { app, url, demoWorldJobId, close: () => app.close() };
}

function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  const read = (file: string, variable: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new Error(`${variable}=${file} cannot be read: ${(error as Error).message}`);
    }
  };
  return { cert: read(certFile, 'CROSSLANE_TLS_CERT'), key: read(keyFile, 'CROSSLANE_TLS_KEY') };
}
