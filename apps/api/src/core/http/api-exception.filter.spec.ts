import { ArgumentsHost } from '@nestjs/common';
import { Prisma } from '@crosslane/db';
import { describe, expect, it } from 'vitest';
import { ApiExceptionFilter } from './api-exception.filter';

/** What the client receives for an exception: status and body. */
function answer(exception: unknown): { status: number; body: { statusCode: number; message: string } } {
  const sent: { status: number; body: { statusCode: number; message: string } } = { status: 0, body: { statusCode: 0, message: '' } };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: { statusCode: number; message: string }) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ method: 'GET', url: '/api/x' }) }),
  } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return sent;
}

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: 'test', meta });

describe('ApiExceptionFilter, the last line of defence against bad input', () => {
  it('answers 400 for Prisma errors that only bad data causes', () => {
    expect(answer(prismaError('P2023')).status).toBe(400);
    expect(answer(prismaError('P2020')).body.message).toBe('Invalid input: a number is out of range for its field');
    expect(answer(prismaError('P2000')).status).toBe(400);
  });

  it('reads the SQLSTATE a driver-adapter error carries, and a raw pg error', () => {
    const untranslatable = prismaError('P2039', { driverAdapterError: { cause: { kind: 'postgres', originalCode: '22P05' } } });
    expect(answer(untranslatable)).toMatchObject({
      status: 400,
      body: { message: 'Invalid input: a text holds a character PostgreSQL cannot store (a NUL byte?)' },
    });
    expect(answer(Object.assign(new Error('date/time field value out of range'), { code: '22008', severity: 'ERROR' })).status).toBe(400);
    expect(answer(Object.assign(new Error('stack depth limit exceeded'), { code: '54001', severity: 'ERROR' })).status).toBe(400);
  });

  it('answers 503 naming the database when it cannot be reached (services that come back)', () => {
    expect(answer(prismaError('P1001')).status).toBe(503);
    expect(answer(Object.assign(new Error('connection refused'), { code: '08006', severity: 'FATAL' })).status).toBe(503);
  });

  it('answers 503, not 500, when no connection is free to start a transaction in time', () => {
    const busy = new Prisma.PrismaClientKnownRequestError('Transaction API error: Unable to start a transaction in the given time.', {
      code: 'P2028',
      clientVersion: 'test',
    });
    expect(answer(busy)).toMatchObject({
      status: 503,
      body: { message: 'The database is busy: nothing was changed; try again in a moment' },
    });
  });

  it('still answers 500 for what is not the input’s fault, without the detail', () => {
    expect(answer(new TypeError("Cannot read properties of undefined (reading 'id')"))).toMatchObject({
      status: 500,
      body: { message: 'Something went wrong on our side; it has been logged' },
    });
    expect(answer(prismaError('P2002', { target: ['email'] })).status).toBe(409);
  });
});
