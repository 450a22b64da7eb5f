import 'reflect-metadata';
import { BadRequestException, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { describe, expect, it } from 'vitest';
import { Actor } from '../auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from './list-query';

/** The function Nest calls to fill a parameter made with createParamDecorator. */
function factoryOf(decorator: ParameterDecorator): (data: unknown, ctx: ExecutionContext) => unknown {
  class Probe {
    handler(value: unknown): unknown {
      return value;
    }
  }
  decorator(Probe.prototype, 'handler', 0);
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handler') as Record<string, { data: unknown; factory: never }>;
  const [entry] = Object.values(args);
  return (_data, ctx) => (entry.factory as (data: unknown, ctx: ExecutionContext) => unknown)(entry.data, ctx);
}

function httpContext(request: object, reply: object = {}): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
}

const account = { id: 'a1', email: 'admin@crosslane.test', role: 'ADMIN' as const };

describe('Actor', () => {
  it('gives the signed-in account and the client IP together, null when the request has no IP', () => {
    const actor = factoryOf(Actor());
    expect(actor(undefined, httpContext({ account, ip: '10.0.0.7' }))).toEqual({ account, ip: '10.0.0.7' });
    expect(actor(undefined, httpContext({ account }))).toEqual({ account, ip: null });
  });
});

describe('ListRequest', () => {
  const endpoint: ListEndpoint = {
    resource: 'partners',
    sortable: ['name'],
    defaultSort: ['name', 'asc'],
    filters: { id: 'uuid', fields: { q: 'text' } },
  };

  it('parses the simple-REST query and answers the page with the total in Content-Range and X-Total-Count', async () => {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => (headers[name] = value) };
    const page = factoryOf(ListRequest(endpoint))(
      undefined,
      httpContext({ query: { range: '[0,1]', filter: '{"q":"x"}' } }, reply),
    ) as ListPage;
    expect(page.query).toMatchObject({ skip: 0, take: 2, sortField: 'name', sortOrder: 'asc', filter: { q: 'x' } });
    expect(await page.answer(Promise.resolve({ rows: ['a', 'b'], total: 7 }))).toEqual(['a', 'b']);
    expect(headers).toEqual({ 'Content-Range': 'partners 0-1/7', 'X-Total-Count': '7' });
  });

  it('refuses an unknown filter key with a 400 when the handler reads the query', () => {
    const page = factoryOf(ListRequest(endpoint))(undefined, httpContext({ query: { filter: '{"colour":"red"}' } })) as ListPage;
    const parse = () => page.query;
    expect(parse).toThrow(BadRequestException);
    expect(parse).toThrow('filter has an unknown key "colour"; known keys: id, q');
  });
});
