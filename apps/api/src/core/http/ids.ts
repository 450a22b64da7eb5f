import { BadRequestException, NotFoundException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT64_MAX = BigInt('9223372036854775807');

/** A UUID as PostgreSQL's uuid type reads it (any version: ids are made by the database). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A positive id of a bigint column: digits only, at most 2^63 - 1. */
export function isInt64Id(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= INT64_MAX;
}

export function isInt64(value: bigint): boolean {
  return value >= -INT64_MAX - BigInt(1) && value <= INT64_MAX;
}

/**
 * An id taken from a path: one that cannot exist (not a UUID, or a number
 * beyond int64) is answered like any other missing record, before it can
 * reach PostgreSQL and fail there as a cast error.
 * Example: uuidOr404('42', 'partner') throws NotFoundException('No partner 42')
 */
export function uuidOr404(id: string, what: string): string {
  if (!isUuid(id)) throw new NotFoundException(`No ${what} ${shorten(id)}`);
  return id;
}

export function int64IdOr404(id: string, what: string): bigint {
  if (!isInt64Id(id)) throw new NotFoundException(`No ${what} ${shorten(id)}`);
  return BigInt(id);
}

/**
 * findOr404: the one "check the id, find, else 404" for a record named in a
 * path. An id that cannot exist (not a UUID) and a well-formed id of no
 * record get the same answer, 404 "No <what> <id>", and the first never
 * reaches PostgreSQL. `find` may return null for a record that exists but is
 * not of this resource (an import is a job run of one name), which is missing too.
 * Example: await findOr404('42', 'partner', (id) => prisma.partner.findUnique({ where: { id } })) throws NotFoundException('No partner 42')
 */
export async function findOr404<T>(id: string, what: string, find: (id: string) => Promise<T | null | undefined>): Promise<T> {
  const row = isUuid(id) ? await find(id) : null;
  if (row === null || row === undefined) throw new NotFoundException(`No ${what} ${shorten(id)}`);
  return row;
}

/** findOr404 for a record with a bigint id (items, members, audit events): digits within int64, else 404. */
export async function findByInt64IdOr404<T>(id: string, what: string, find: (id: bigint) => Promise<T | null | undefined>): Promise<T> {
  const row = isInt64Id(id) ? await find(BigInt(id)) : null;
  if (row === null || row === undefined) throw new NotFoundException(`No ${what} ${shorten(id)}`);
  return row;
}

/** For ids a client sends as input (body or query) rather than as a resource path: a 400 naming the field. */
export function requireUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw new BadRequestException({ message: `${field} must be a UUID`, fields: [{ field, message: 'must be a UUID' }] });
  return value;
}

function shorten(id: string): string {
  const printable = [...id].map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? '?' : c)).join('');
  return printable.length > 60 ? `${printable.slice(0, 60)}…` : printable;
}
