import { describe, expect, it } from 'vitest';
import { pgHashInt8Extended } from './pg-hash';

describe('pgHashInt8Extended', () => {
  it('gives the values PostgreSQL 15 gives for hashint8extended', () => {
    // psql: SELECT hashint8extended(1,0), hashint8extended(1,1), hashint8extended(-5,0), hashint8extended(123456789012,7)
    expect(pgHashInt8Extended(1n, 0n)).toBe(-3670598878359251130n);
    expect(pgHashInt8Extended(1n, 1n)).toBe(-7620678293940249823n);
    expect(pgHashInt8Extended(-5n, 0n)).toBe(-9082176226831438310n);
    expect(pgHashInt8Extended(123456789012n, 7n)).toBe(9014375656242938n);
  });
});
