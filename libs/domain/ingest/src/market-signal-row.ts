import { FieldReader, parseIsoDate } from './field-readers';
import { RawRecord, RowResult } from './row-result';

export interface MarketSignalRow {
  category: string;
  /** The first day of the period, UTC midnight. */
  period: Date;
  index: number;
  source: string;
}

/**
 * A market signal: an index for a category over a period, from a source.
 * The period is a month (YYYY-MM) or a day (YYYY-MM-DD).
 * Example: validateMarketSignalRow({ category: 'coilovers', period: '2024-03', index: '71.5', source: 'search' }).ok === true
 */
export function validateMarketSignalRow(record: RawRecord): RowResult<MarketSignalRow> {
  const r = new FieldReader(record);
  const category = r.text('category', { required: true, max: 100 });
  const rawPeriod = r.text('period', { required: true, max: 10 });
  const index = r.number('index', { required: true, min: -1e9, max: 1e9 });
  const source = r.text('source', { required: true, max: 100 });
  let period: Date | null = null;
  if (rawPeriod) {
    period = parseIsoDate(/^\d{4}-\d{2}$/.test(rawPeriod) ? `${rawPeriod}-01` : rawPeriod);
    if (!period || /[T ]/.test(rawPeriod)) r.problem('period', 'must be a month (YYYY-MM) or a day (YYYY-MM-DD)', rawPeriod);
  }
  if (r.problems.length) return { ok: false, problems: r.problems };
  return { ok: true, row: { category: category!, period: period!, index: index!, source: source! } };
}
