import { describe, expect, it } from 'vitest';
import type { ListQuery } from '../http/list-query';
import { findPage, mapPage, textSearch } from './find-page';
import type { PrismaService } from './prisma.service';

const query = (over: Partial<ListQuery> = {}): ListQuery => ({
  skip: 50,
  take: 25,
  sortField: 'createdAt',
  sortOrder: 'desc',
  filter: {},
  ids: null,
  ...over,
});

/** A model delegate that records what it was asked and answers fixed rows; PrismaPromises are plain promises here. */
function fakeModel(rows: { id: string }[], total: number) {
  const asked: { findMany?: unknown; count?: unknown } = {};
  return {
    asked,
    findMany: (args: unknown) => ((asked.findMany = args), Promise.resolve(rows)),
    count: (args: unknown) => ((asked.count = args), Promise.resolve(total)),
  };
}

const prisma = { $transaction: (reads: Promise<unknown>[]) => Promise.all(reads) } as unknown as PrismaService;

describe('findPage', () => {
  it('reads the slice asked for, sorted by the field then by id ascending, with the count of everything the filter matches', async () => {
    const model = fakeModel([{ id: 'a' }], 319);
    const page = await findPage(prisma, model as never, query(), { status: 'ACTIVE' });
    expect(page).toEqual({ rows: [{ id: 'a' }], total: 319 });
    expect(model.asked.findMany).toEqual({
      where: { status: 'ACTIVE' },
      skip: 50,
      take: 25,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    expect(model.asked.count).toEqual({ where: { status: 'ACTIVE' } });
  });

  it('breaks ties in the sort direction when asked, and reads rows through `read` when given', async () => {
    const model = fakeModel([], 0);
    let read: unknown;
    await findPage(
      prisma,
      model as never,
      query(),
      {},
      { tieBreak: 'sort-order', read: (args: unknown) => ((read = args), Promise.resolve([])) as never },
    );
    expect(read).toMatchObject({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    expect(model.asked.findMany).toBeUndefined();
  });

  it('maps rows and keeps the total', () => {
    expect(mapPage({ rows: [1, 2], total: 9 }, (n) => n * 10)).toEqual({ rows: [10, 20], total: 9 });
  });
});

describe('textSearch', () => {
  it('matches any named column containing q whatever its case, and everything without q', () => {
    expect(textSearch(query({ filter: { q: 'Track' } }), ['name', 'slug'])).toEqual({
      OR: [{ name: { contains: 'Track', mode: 'insensitive' } }, { slug: { contains: 'Track', mode: 'insensitive' } }],
    });
    expect(textSearch(query({ filter: {} }), ['name'])).toEqual({});
    expect(textSearch(query({ filter: { q: '' } }), ['name'])).toEqual({});
  });
});
