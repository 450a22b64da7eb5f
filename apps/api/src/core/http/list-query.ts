import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CALENDAR_DATE_RULE, parseCalendarDate } from '@crosslane/contracts';
import { isInt64, isInt64Id, isUuid } from './ids';

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
  /** The filter, every key declared and every value checked (a UUID is a UUID, a date one PostgreSQL stores). */
  filter: Record<string, unknown>;
  /** react-admin's getMany (`filter={"id":[…]}`): just these records, or null for no such restriction. */
  ids: string[] | null;
}

export interface RawListQuery {
  sort?: string;
  range?: string;
  filter?: string;
}

/**
 * What one filter key may hold. `text` refuses NUL bytes (PostgreSQL cannot
 * store or compare them) and anything over 500 characters; `int64` is a whole
 * number a bigint column holds; `date` follows the calendar-date rule; a list
 * of strings is an enum.
 */
export type FilterKind = 'text' | 'uuid' | 'int64' | 'date' | 'boolean' | readonly string[];

export interface ListFilters {
  /** The type of the resource's id, for getMany; null where a resource has no id of its own to ask for. */
  id: 'uuid' | 'int64' | null;
  /** Every other key the endpoint reads; any key not here is refused with a 400 naming it. */
  fields: Record<string, FilterKind>;
}

const MAX_PAGE = 1000;
const MAX_TEXT = 500;
const MAX_IDS = 1000;

/**
 * The one validation layer for list queries: an answer is either the page
 * asked for or a 400 naming the offending part (`range`, `sort`,
 * `filter.<key>`), never a value that fails later inside PostgreSQL.
 * Example: parseListQuery({ filter: '{"colour":"red"}' }, ['name'], ['name', 'asc'], { id: 'uuid', fields: { q: 'text' } })
 *   throws 400 'filter has an unknown key "colour"; known keys: id, q'
 */
export function parseListQuery(
  raw: RawListQuery,
  sortable: readonly string[],
  defaultSort: [string, 'asc' | 'desc'],
  filters: ListFilters,
): ListQuery {
  const [sortField, sortOrder] = raw.sort !== undefined ? parseSort(once(raw.sort, 'sort'), sortable) : defaultSort;
  const [start, end] = raw.range !== undefined ? parseRange(once(raw.range, 'range')) : [0, 24];
  const { filter, ids } = raw.filter !== undefined ? parseFilter(once(raw.filter, 'filter'), filters) : { filter: {}, ids: null };
  return { skip: start, take: end - start + 1, sortField, sortOrder, filter, ids };
}

/** `?sort=a&sort=b` arrives as an array: say so rather than guess which one was meant. */
function once(value: unknown, field: string): string {
  if (typeof value !== 'string') throw fieldError(field, `${field} must be given once, as JSON text`);
  return value;
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
  if (
    !Array.isArray(sort) ||
    sort.length !== 2 ||
    typeof sort[0] !== 'string' ||
    !['ASC', 'DESC'].includes(String(sort[1]).toUpperCase())
  ) {
    throw fieldError('sort', 'sort must be ["field","ASC"|"DESC"]');
  }
  if (!sortable.includes(sort[0])) {
    throw fieldError('sort', `sort field must be one of ${sortable.join(', ')}; got ${JSON.stringify(shorten(sort[0]))}`);
  }
  return [sort[0], String(sort[1]).toLowerCase() as 'asc' | 'desc'];
}

function parseRange(value: string): [number, number] {
  const range = parseJson(value, 'range', '[start,end]');
  // Safe integers only: a bound beyond 2^53 has already lost digits in JSON.parse, and one beyond int64 fails in PostgreSQL.
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isSafeInteger(n) && n >= 0) || range[1] < range[0]) {
    throw fieldError('range', `range must be [start,end] with whole numbers 0 <= start <= end <= ${Number.MAX_SAFE_INTEGER}`);
  }
  if (range[1] - range[0] + 1 > MAX_PAGE) throw fieldError('range', `range may span at most ${MAX_PAGE} records`);
  return [range[0], range[1]];
}

function parseFilter(value: string, spec: ListFilters): { filter: Record<string, unknown>; ids: string[] | null } {
  const parsed = parseJson(value, 'filter', '{"field":"value"}');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fieldError('filter', 'filter must be a JSON object');
  const known = [...(spec.id ? ['id'] : []), ...Object.keys(spec.fields)].sort();
  const unknown = Object.keys(parsed).filter((key) => (key === 'id' ? !spec.id : !Object.prototype.hasOwnProperty.call(spec.fields, key)));
  if (unknown.length > 0) {
    const names = unknown.map((key) => JSON.stringify(shorten(key))).join(', ');
    const message = `filter has ${unknown.length === 1 ? 'an unknown key' : 'unknown keys'} ${names}; known keys: ${known.join(', ') || 'none'}`;
    throw new BadRequestException({
      message,
      fields: unknown.map((key) => ({ field: `filter.${shorten(key)}`, message: 'is not a known filter' })),
    });
  }
  const filter: Record<string, unknown> = {};
  let ids: string[] | null = null;
  for (const [key, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === 'id' && spec.id) {
      ids = parseIds(raw, spec.id);
      continue;
    }
    if (raw === undefined || raw === null || raw === '') continue;
    filter[key] = checkFilterValue(key, raw, spec.fields[key]);
  }
  return { filter, ids };
}

function parseIds(raw: unknown, kind: 'uuid' | 'int64'): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_IDS) throw fieldError('filter.id', `filter.id may list at most ${MAX_IDS} ids`);
  return list.map((id, i) => {
    const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
    const ok = kind === 'uuid' ? isUuid(text) : isInt64Id(text);
    if (!ok)
      throw fieldError(
        `filter.id[${i}]`,
        `filter.id[${i}] must be ${kind === 'uuid' ? 'a UUID' : 'a whole number from 0 to 9223372036854775807'}; got ${JSON.stringify(shorten(String(id)))}`,
      );
    return (text as string).toLowerCase();
  });
}

function checkFilterValue(key: string, value: unknown, kind: FilterKind): unknown {
  const field = `filter.${key}`;
  if (Array.isArray(kind)) {
    if (typeof value !== 'string' || !kind.includes(value)) throw fieldError(field, `${field} must be one of ${kind.join(', ')}`);
    return value;
  }
  switch (kind) {
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') throw fieldError(field, `${field} must be a string`);
      const text = String(value);
      checkText(text, field);
      return text;
    }
    case 'uuid':
      if (!isUuid(value)) throw fieldError(field, `${field} must be a UUID`);
      return value.toLowerCase();
    case 'int64': {
      const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
      if (typeof text !== 'string' || !/^-?\d{1,19}$/.test(text) || !isInt64(BigInt(text)))
        throw fieldError(field, `${field} must be a whole number within int64`);
      return text;
    }
    case 'date': {
      if (typeof value !== 'string' || !parseCalendarDate(value)) throw fieldError(field, `${field} ${CALENDAR_DATE_RULE}`);
      return value;
    }
    case 'boolean':
      if (value !== true && value !== false && value !== 'true' && value !== 'false')
        throw fieldError(field, `${field} must be true or false`);
      return value;
  }
}

/** A text value PostgreSQL can store and compare: no NUL byte, and short enough for a filter. */
export function checkText(text: string, field: string, max = MAX_TEXT): void {
  if (text.includes('\u0000')) throw fieldError(field, `${field} must not contain a NUL byte (\\u0000)`);
  if (text.length > max) throw fieldError(field, `${field} must be at most ${max} characters`);
}

export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, fields: [{ field, message }] });
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** getMany's restriction for a resource with UUID ids, to spread into a Prisma where. */
export function whereIdIn(query: ListQuery): { id?: { in: string[] } } {
  return query.ids ? { id: { in: query.ids } } : {};
}

/** getMany's restriction for a resource with bigint ids. */
export function whereInt64IdIn(query: ListQuery): { id?: { in: bigint[] } } {
  return query.ids ? { id: { in: query.ids.map((id) => BigInt(id)) } } : {};
}

/** Sets the headers react-admin reads for the total. */
export function setListHeaders(
  reply: { header(name: string, value: string): unknown },
  resource: string,
  query: ListQuery,
  total: number,
): void {
  const end = Math.max(query.skip, Math.min(query.skip + query.take, total) - 1);
  reply.header('Content-Range', `${resource} ${query.skip}-${end}/${total}`);
  reply.header('X-Total-Count', String(total));
}

/** What one simple-REST list endpoint accepts: the resource named in Content-Range, its sortable fields, default order and filters. */
export interface ListEndpoint {
  resource: string;
  sortable: readonly string[];
  defaultSort: [string, 'asc' | 'desc'];
  filters: ListFilters;
}

type ListReply = { header(name: string, value: string): unknown };

/**
 * One list request: `query` to load the page with, and `answer` to send the page with the headers react-admin
 * reads for the total. Every list handler parsed the query and set those headers itself.
 */
export class ListPage {
  private parsed: ListQuery | undefined;

  constructor(
    private readonly raw: RawListQuery,
    private readonly endpoint: ListEndpoint,
    private readonly reply: ListReply,
  ) {}

  /** Parsed on first use (a 400 naming the part otherwise), so a handler that first looks up its parent record still answers 404 first. */
  get query(): ListQuery {
    const { sortable, defaultSort, filters } = this.endpoint;
    return (this.parsed ??= parseListQuery(this.raw, sortable, defaultSort, filters));
  }

  async answer<T>(page: Promise<{ rows: T[]; total: number }> | { rows: T[]; total: number }): Promise<T[]> {
    const { rows, total } = await page;
    setListHeaders(this.reply, this.endpoint.resource, this.query, total);
    return rows;
  }
}

/** The simple-REST list request of a handler (`?sort&range&filter`), checked against its endpoint's declaration. */
export const ListRequest = createParamDecorator((endpoint: ListEndpoint, ctx: ExecutionContext): ListPage => {
  const http = ctx.switchToHttp();
  return new ListPage(http.getRequest().query ?? {}, endpoint, http.getResponse());
});

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
  const date = parseCalendarDate(value);
  if (!date) throw fieldError(`filter.${key}`, `filter.${key} ${CALENDAR_DATE_RULE}`);
  return date;
}
