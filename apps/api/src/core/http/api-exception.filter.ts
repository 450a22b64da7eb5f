import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { outageOf, unavailableMessage, type Service } from '../database/service-outage';

/** Seconds a client is told to wait after a 503 (a local service restarts within a second or two). */
const RETRY_AFTER_SECONDS = 5;

/**
 * Every error leaves the API in one shape ({statusCode, error, message,
 * fields?}), so the dashboard shows one kind of notification and a client
 * never has to parse a stack trace.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  /**
   * @param appShell the dashboard's index.html, answered for unknown non-API GETs (client-side routes).
   * @param onOutage told of each request that failed because PostgreSQL or Redis was away (it logs the outage once).
   */
  constructor(
    private readonly appShell: string | null = null,
    private readonly onOutage: (service: Service, error: unknown) => void = () => undefined,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest();
    const outage = exception instanceof HttpException ? undefined : outageOf(exception);
    if (outage) {
      // Not a bug on our side and not worth a stack trace per request: the outage is logged once.
      this.onOutage(outage, exception);
      const body: ApiErrorBody = { statusCode: 503, error: 'Service Unavailable', message: unavailableMessage(outage) };
      reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).header('content-type', 'application/json; charset=utf-8').send(body);
      return;
    }
    const body = this.toBody(exception);
    if (body.statusCode === 404 && this.appShell && request?.method === 'GET' && !String(request.url).startsWith('/api')) {
      reply.status(200).header('content-type', 'text/html; charset=utf-8').send(this.appShell);
      return;
    }
    if (body.statusCode >= 500) {
      this.logger.error(`${request?.method} ${request?.url}: ${describe(exception)}`, (exception as Error)?.stack);
    }
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const payload = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      return {
        statusCode: status,
        error: reasonPhrase(status),
        message,
        ...(Array.isArray(payload.fields) ? { fields: payload.fields as ApiErrorBody['fields'] } : {}),
      };
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) {
      if (exception.code === 'P2002') {
        const target = (exception.meta?.target as string[] | string | undefined) ?? 'value';
        const fields = Array.isArray(target) ? target : [String(target)];
        return {
          statusCode: 409,
          error: 'Conflict',
          message: `A record with this ${fields.join(', ')} already exists`,
          fields: fields.map((field) => ({ field, message: 'already taken' })),
        };
      }
      if (exception.code === 'P2025') return { statusCode: 404, error: 'Not Found', message: 'Record not found' };
    }
    // Fastify rejects malformed JSON and oversized bodies before Nest sees them.
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return { statusCode: fastifyError.statusCode, error: reasonPhrase(fastifyError.statusCode), message: fastifyError.message ?? 'Bad request' };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged' };
  }
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

function describe(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}
