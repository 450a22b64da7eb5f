import { FieldReader } from './field-readers';
import { RawRecord, RowResult } from './row-result';

export interface ItemRow {
  externalKey: string;
  kind: string;
  title: string;
  category: string;
  tags: string[];
  price: number;
}

/**
 * A catalogue item row (knowledge or partner; the domain comes from the
 * import's kind). Tags are separated by '|' in CSV, or an array in JSON.
 * Example: validateItemRow({ externalKey: 'c-1', kind: 'course', title: 'T', category: 'ev', price: '9.9' }).ok === true
 */
export function validateItemRow(record: RawRecord): RowResult<ItemRow> {
  const r = new FieldReader(record);
  const externalKey = r.text('externalKey', { required: true, max: 100 });
  const kind = r.text('kind', { required: true, max: 40 });
  const title = r.text('title', { required: true, max: 300 });
  const category = r.text('category', { required: true, max: 100 });
  const price = r.number('price', { required: true, min: 0, max: 9_999_999_999 });
  const rawTags = record.tags;
  let tags: string[] = [];
  if (Array.isArray(rawTags)) tags = rawTags.map((t) => String(t).trim()).filter(Boolean);
  else if (typeof rawTags === 'string')
    tags = rawTags
      .split('|')
      .map((t) => t.trim())
      .filter(Boolean);
  else if (rawTags !== undefined && rawTags !== null) r.problem('tags', "must be text separated by '|' or an array", rawTags);
  if (r.problems.length) return { ok: false, problems: r.problems };
  return {
    ok: true,
    row: { externalKey: externalKey!, kind: kind!, title: title!, category: category!, tags, price: Math.round(price! * 100) / 100 },
  };
}
