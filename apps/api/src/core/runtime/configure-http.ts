import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fs from 'node:fs';
import helmet from 'helmet';
import path from 'node:path';
import { AppConfig } from '../config/app-config';
import { ServiceAvailabilityService } from '../database/service-availability.service';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { registerBodyGuards } from '../http/body-guard';
import { createValidationPipe } from '../http/validation';

/** HTTP conventions in one place: prefix, errors, validation, headers, CORS, OpenAPI, the dashboard. */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.setGlobalPrefix('api');
  const dashboardIndex = path.join(config.dashboardDir, 'index.html');
  const availability = app.get(ServiceAvailabilityService);
  app.useGlobalFilters(
    new ApiExceptionFilter(fs.existsSync(dashboardIndex) ? fs.readFileSync(dashboardIndex, 'utf8') : null, (service, error) =>
      availability.reportDown(service, error),
    ),
  );
  app.useGlobalPipes(createValidationPipe());
  // Uploads stream part by part (imports): one file per request, refused past the configured size.
  // Depth and NUL bytes are checked once, here, before any DTO, rule parser or query sees a request.
  registerBodyGuards(app.getHttpAdapter().getInstance());
  await app.register(multipart, { limits: { fileSize: config.maxUploadMb * 1024 * 1024, files: 1, fields: 20, fieldSize: 64 * 1024 } });
  // Security headers depend only on these options, so the middleware is built once. (@fastify/helmet
  // builds it again on every request, parsing the policy each time: a quarter of the API's throughput on
  // GET recommendations, docs/benchmarks/serving.md.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MUI and Swagger UI inject styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
  // API answers carry account data and tokens: no browser or shared cache may keep them (Swagger UI's assets may be cached).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
      done();
    });
  // The dashboard is served from the same origin; CORS opens the API only to the origins an operator lists.
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['Content-Range', 'X-Total-Count'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Crosslane API')
      .setDescription(
        'Marketing operations for joint campaigns between the knowledge platform and its partners. Log in with POST /api/auth/login and send the token as a bearer token.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  serveDashboard(app, config);
}

function serveDashboard(app: NestFastifyApplication, config: AppConfig): void {
  const indexFile = path.join(config.dashboardDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    new Logger('Http').warn(`No dashboard build at ${config.dashboardDir}: run "npm run build" (npm start does it)`);
    return;
  }
  // Unknown non-API paths get the app shell from ApiExceptionFilter; unknown /api paths stay JSON 404s.
  app
    .getHttpAdapter()
    .getInstance()
    .register(fastifyStatic, { root: config.dashboardDir, prefix: '/', wildcard: false, decorateReply: false });
}
