import { FieldReader } from './field-readers';
import { RawRecord, RowResult } from './row-result';

export interface ReviewRow {
  externalId: string;
  itemKey: string | null;
  memberKey: string | null;
  rating: number;
  text: string | null;
  reviewedAt: Date;
}

/**
 * A partner review: a whole-star rating from 1 to 5, optionally of one item
 * and by one member (both must exist when given).
 * Example: validateReviewRow({ externalId: 'r1', rating: '5', reviewedAt: '2024-05-01' }).ok === true
 */
export function validateReviewRow(record: RawRecord): RowResult<ReviewRow> {
  const r = new FieldReader(record);
  const externalId = r.text('externalId', { required: true, max: 100 });
  const itemKey = r.text('itemKey', { max: 100 });
  const memberKey = r.text('memberKey', { max: 100 });
  const rating = r.number('rating', { required: true, min: 1, max: 5, integer: true });
  const text = r.text('text', { max: 4000 });
  const reviewedAt = r.date('reviewedAt', { required: true });
  if (r.problems.length) return { ok: false, problems: r.problems };
  return {
    ok: true,
    row: { externalId: externalId!, itemKey: itemKey!, memberKey: memberKey!, rating: rating!, text: text!, reviewedAt: reviewedAt! },
  };
}
