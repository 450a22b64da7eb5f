import { BadRequestException } from '@nestjs/common';

/**
 * react-admin's simple-REST list convention:
 * `?sort=["field","ASC"]&range=[0,24]&filter={"q":"x"}`, answered with the
 * page as a JSON array and `Content-Range: <resource> 0-24/319`.
 */
export interface ListQuery {
  skip: number;
  take: number;
  sortField: string;
  sortOrder: 'asc' | 'desc';
  filter: Record<string, unknown>;
}

export interface RawListQuery {
  sort?: string;
  range?: string;
  filter?: string;
}

const MAX_PAGE = 1000;

export function parseListQuery(raw: RawListQuery, sortable: readonly string[], defaultSort: [string, 'asc' | 'desc']): ListQuery {
  const [sortField, sortOrder] = raw.sort ? parseSort(raw.sort, sortable) : defaultSort;
  const [start, end] = raw.range ? parseRange(raw.range) : [0, 24];
  const filter = raw.filter ? parseFilter(raw.filter) : {};
  return { skip: start, take: end - start + 1, sortField, sortOrder, filter };
}

function parseJson(value: string, field: string, expected: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw fieldError(field, `${field} must be JSON (${expected})`);
  }
}

function parseSort(value: string, sortable: readonly string[]): [string, 'asc' | 'desc'] {
  const sort = parseJson(value, 'sort', '["field","ASC"]');
  if (!Array.isArray(sort) || sort.length !== 2 || typeof sort[0] !== 'string' || !['ASC', 'DESC'].includes(String(sort[1]).toUpperCase())) {
    throw fieldError('sort', 'sort must be ["field","ASC"|"DESC"]');
  }
  if (!sortable.includes(sort[0])) {
    throw fieldError('sort', `sort field must be one of ${sortable.join(', ')}; got "${sort[0]}"`);
  }
  return [sort[0], String(sort[1]).toLowerCase() as 'asc' | 'desc'];
}

function parseRange(value: string): [number, number] {
  const range = parseJson(value, 'range', '[start,end]');
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[1] < range[0]) {
    throw fieldError('range', 'range must be [start,end] with 0 <= start <= end');
  }
  if (range[1] - range[0] + 1 > MAX_PAGE) throw fieldError('range', `range may span at most ${MAX_PAGE} records`);
  return [range[0], range[1]];
}

function parseFilter(value: string): Record<string, unknown> {
  const filter = parseJson(value, 'filter', '{"field":"value"}');
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) throw fieldError('filter', 'filter must be a JSON object');
  return filter as Record<string, unknown>;
}

function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, fields: [{ field, message }] });
}

/** Sets the headers react-admin reads for the total. */
export function setListHeaders(reply: { header(name: string, value: string): unknown }, resource: string, query: ListQuery, total: number): void {
  const end = Math.max(query.skip, Math.min(query.skip + query.take, total) - 1);
  reply.header('Content-Range', `${resource} ${query.skip}-${end}/${total}`);
  reply.header('X-Total-Count', String(total));
}

export function stringFilter(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw fieldError(`filter.${key}`, `filter.${key} must be a string`);
  return value;
}

export function enumFilter<T extends string>(filter: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
  const value = stringFilter(filter, key);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw fieldError(`filter.${key}`, `filter.${key} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function booleanFilter(filter: Record<string, unknown>, key: string): boolean | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw fieldError(`filter.${key}`, `filter.${key} must be true or false`);
}

export function dateFilter(filter: Record<string, unknown>, key: string): Date | undefined {
  const value = stringFilter(filter, key);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw fieldError(`filter.${key}`, `filter.${key} must be an ISO date`);
  return date;
}
