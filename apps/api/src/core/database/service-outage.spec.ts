import { describe, expect, it } from 'vitest';
import { OutageLog, outageOf, unavailableMessage } from './service-outage';

describe('OutageLog', () => {
  it('gives one line when a service goes down and one when it is back, however many errors come in between (the documented example)', () => {
    let now = 0;
    const log = new OutageLog(() => now);
    const lines = [log.down('redis', 'connect ECONNREFUSED 127.0.0.1:41000')];
    for (let retry = 0; retry < 344; retry++) {
      now += 5;
      lines.push(log.down('redis', 'connect ECONNREFUSED 127.0.0.1:41000'));
    }
    now = 1_400;
    lines.push(log.up('redis'), log.up('redis'));
    expect(lines.filter(Boolean)).toEqual([
      'Redis is unreachable (connect ECONNREFUSED 127.0.0.1:41000): requests that need it answer 503 and jobs requested meanwhile are queued when it is back',
      'Redis is back after 1.4 s',
    ]);
    expect(log.isDown('redis')).toBe(false);
  });

  it('keeps PostgreSQL and Redis apart, and says nothing of a service that was never down', () => {
    let now = 10_000;
    const log = new OutageLog(() => now);
    expect(log.up('database')).toBeUndefined();
    expect(log.down('database', 'Connection terminated unexpectedly')).toMatch(
      /^PostgreSQL is unreachable \(Connection terminated unexpectedly\): requests that need it answer 503 until it is back$/,
    );
    expect(log.isDown('database')).toBe(true);
    expect(log.isDown('redis')).toBe(false);
    now += 2_250;
    expect(log.up('database')).toBe('PostgreSQL is back after 2.3 s');
  });
});

describe('outageOf', () => {
  const error = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

  it('names Redis for the errors of a fail-fast ioredis connection', () => {
    expect(outageOf(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe('redis');
    expect(outageOf(new Error('Command timed out'))).toBe('redis');
    expect(outageOf(new Error('Connection is closed.'))).toBe('redis');
    expect(outageOf(error({ name: 'MaxRetriesPerRequestError' }, 'Reached the max retries per request limit (which is 1).'))).toBe('redis');
  });

  it('names PostgreSQL for Prisma and pg errors of an unreachable or restarting server, through causes', () => {
    expect(outageOf(error({ name: 'PrismaClientKnownRequestError', code: 'P1001' }))).toBe('database');
    expect(outageOf(error({ name: 'PrismaClientKnownRequestError', code: 'P2010' }, 'raw query failed'))).toBeUndefined();
    expect(outageOf(error({ name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } }))).toBe('database');
    expect(outageOf(error({ severity: 'FATAL', code: '57P03' }, 'the database system is starting up'))).toBe('database');
    expect(outageOf(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(outageOf(error({ name: 'PrismaClientUnknownRequestError', cause: error({ code: 'ECONNREFUSED' }) }))).toBe('database');
  });

  it('leaves every other error alone, so it keeps its own status', () => {
    expect(outageOf(new Error('Cannot read properties of undefined'))).toBeUndefined();
    expect(outageOf(error({ name: 'PrismaClientKnownRequestError', code: 'P2002' }, 'Unique constraint failed'))).toBeUndefined();
    expect(outageOf(error({ severity: 'ERROR', code: '23505' }, 'duplicate key value'))).toBeUndefined();
    expect(outageOf('a string')).toBeUndefined();
  });

  it('tells the client which service is away and that it comes back', () => {
    expect(unavailableMessage('redis')).toBe('Redis is unreachable right now. Try again in a few seconds.');
  });
});
