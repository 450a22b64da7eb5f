import type { Prisma } from '@crosslane/db';
import { stringFilter, type ListQuery } from '../http/list-query';
import type { PrismaService } from './prisma.service';

/** One page of a list and the total it is a page of: what react-admin's Content-Range reports. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** What a page asks Prisma for: the filter, the slice and the sort. */
export interface PageArgs<Where> {
  where: Where;
  skip: number;
  take: number;
  orderBy: Record<string, 'asc' | 'desc'>[];
}

/** A Prisma model delegate (prisma.partner, prisma.funnel…) as far as counting it needs. */
export interface CountedModel<Where> {
  count(args: { where: Where }): Prisma.PrismaPromise<number>;
}

/** A Prisma model delegate whose plain rows are the page. */
export interface PagedModel<Where, Row> extends CountedModel<Where> {
  findMany(args: PageArgs<Where>): Prisma.PrismaPromise<Row[]>;
}

export interface PageOptions<Where, Row> {
  /** Reads the page's rows where they need an include or select (`(page) => prisma.partner.findMany({ ...page, include })`). */
  read?: (page: PageArgs<Where>) => Prisma.PrismaPromise<Row[]>;
  /** How rows that tie on the sort field are ordered: by id ascending, or by id in the sort's own direction (newest first). */
  tieBreak?: 'asc' | 'sort-order';
}

/**
 * The one paginated list read: the page a list query asks for and the count
 * of everything `where` matches, in one transaction so that the two agree.
 * Rows that tie on the sort field are ordered by id, so that paging through
 * a sorted list never shows one row twice nor skips one.
 * Example: findPage(prisma, prisma.funnel, { skip: 0, take: 25, sortField: 'name', sortOrder: 'asc', … }, {})
 *   reads the first 25 funnels by name, then id, and how many there are.
 */
export function findPage<Where, Row>(
  prisma: PrismaService,
  model: PagedModel<Where, Row>,
  query: ListQuery,
  where: Where,
  options?: Omit<PageOptions<Where, Row>, 'read'>,
): Promise<Page<Row>>;
export function findPage<Where, Row>(
  prisma: PrismaService,
  model: CountedModel<Where>,
  query: ListQuery,
  where: Where,
  options: PageOptions<Where, Row> & Required<Pick<PageOptions<Where, Row>, 'read'>>,
): Promise<Page<Row>>;
export async function findPage<Where, Row>(
  prisma: PrismaService,
  model: CountedModel<Where> & Partial<PagedModel<Where, Row>>,
  query: ListQuery,
  where: Where,
  { read, tieBreak = 'asc' }: PageOptions<Where, Row> = {},
): Promise<Page<Row>> {
  const page: PageArgs<Where> = {
    where,
    skip: query.skip,
    take: query.take,
    orderBy: [{ [query.sortField]: query.sortOrder }, { id: tieBreak === 'asc' ? 'asc' : query.sortOrder }],
  };
  const readRows = read ?? ((args: PageArgs<Where>) => model.findMany!(args));
  const [rows, total] = await prisma.$transaction([readRows(page), model.count({ where })]);
  return { rows, total };
}

/** The same page with each row turned into what the API answers. */
export function mapPage<Row, Dto>(page: Page<Row>, toDto: (row: Row) => Dto): Page<Dto> {
  return { rows: page.rows.map(toDto), total: page.total };
}

/** A text column a list's search box looks in: it contains the text, whatever the case. */
type ContainsText<Column extends string> = Partial<Record<Column, { contains: string; mode: 'insensitive' }>>;

/**
 * The search box of a list (the `q` filter): the rows where any of `columns`
 * contains the text, ignoring case; every row when there is none. Spread it
 * into a Prisma where.
 * Example: textSearch(query, ['name', 'slug']) with q "Track" gives
 *   { OR: [{ name: { contains: 'Track', mode: 'insensitive' } }, { slug: { contains: 'Track', mode: 'insensitive' } }] }
 */
export function textSearch<Column extends string>(query: ListQuery, columns: readonly Column[]): { OR?: ContainsText<Column>[] } {
  const q = stringFilter(query.filter, 'q');
  return q ? { OR: columns.map((column) => ({ [column]: { contains: q, mode: 'insensitive' } }) as ContainsText<Column>) } : {};
}
