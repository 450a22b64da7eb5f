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
      reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('content-type', 'application/json; charset=utf-8')
        .send(body);
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
      // Every pooled connection stayed busy past the transaction's wait: the server is overloaded, the request was fine.
      if (exception.code === 'P2028' && /Unable to start a transaction in the given time/.test(exception.message)) {
        return {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The database is busy: nothing was changed; try again in a moment',
        };
      }
    }
    const unstorable = unstorableInput(exception);
    if (unstorable) {
      // The validation layer (core/http) should have refused this first: log it so the gap gets closed.
      this.logger.warn(`Bad input reached the database: ${describe(exception)}`);
      return { statusCode: 400, error: 'Bad Request', message: `Invalid input: ${unstorable}` };
    }
    // Fastify rejects malformed JSON and oversized bodies before Nest sees them.
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return {
        statusCode: fastifyError.statusCode,
        error: reasonPhrase(fastifyError.statusCode),
        message: fastifyError.message ?? 'Bad request',
      };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged' };
  }
}

/** Prisma's codes for a value the database refused as data (too long, malformed, out of range, not a UUID, beyond int64). */
const PRISMA_INPUT_CODES: Record<string, string> = {
  P2000: 'a value is too long for its field',
  P2007: 'a value is not valid for its field',
  P2020: 'a number is out of range for its field',
  P2023: 'a value does not fit its field (an id that is not a UUID?)',
  P2033: 'a number does not fit in a 64-bit integer',
};

/** PostgreSQL's SQLSTATEs that only bad data can cause: class 22 (data exception) and 54001 (statement too deep). */
function describeSqlState(code: string): string | null {
  if (code === '22P05' || code === '22021') return 'a text holds a character PostgreSQL cannot store (a NUL byte?)';
  if (code === '22008' || code === '22007') return 'a date is outside what PostgreSQL can store';
  if (code === '22003') return 'a number is out of range';
  if (code === '54001') return 'the input nests too deeply';
  if (code.startsWith('22')) return `a value was refused by the database (SQLSTATE ${code})`;
  return null;
}

/**
 * The last line of defence: errors that stem from a value a client sent,
 * answered 400 instead of 500, whether they come through Prisma (known
 * codes, or a driver-adapter error carrying the SQLSTATE) or straight from pg.
 */
function unstorableInput(exception: unknown): string | null {
  if (exception instanceof Prisma.PrismaClientKnownRequestError) {
    if (PRISMA_INPUT_CODES[exception.code]) return PRISMA_INPUT_CODES[exception.code];
    const cause = (exception.meta?.driverAdapterError as { cause?: { code?: unknown; originalCode?: unknown } } | undefined)?.cause;
    for (const code of [cause?.originalCode, cause?.code, exception.meta?.code]) {
      if (typeof code === 'string' && describeSqlState(code)) return describeSqlState(code);
    }
    return null;
  }
  if (exception instanceof Prisma.PrismaClientValidationError) {
    return /into a 64-bit signed integer|Invalid value provided/.test(exception.message) ? 'a value does not fit its field' : null;
  }
  const pgError = exception as { code?: unknown; severity?: unknown };
  if (typeof pgError?.code === 'string' && typeof pgError.severity === 'string' && /^[0-9A-Z]{5}$/.test(pgError.code))
    return describeSqlState(pgError.code);
  return null;
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
