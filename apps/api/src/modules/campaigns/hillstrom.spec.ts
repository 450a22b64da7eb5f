import { describe, expect, it } from 'vitest';
import { checkHillstromHeader, parseHillstromRow } from './hillstrom';

const good = { recency: '10', history_segment: '2) $100 - $200', history: '142.44', segment: 'Womens E-Mail', visit: '1', conversion: '0', spend: '0' };

describe('parseHillstromRow', () => {
  it('maps a row to its arm, covariate and outcomes', () => {
    expect(parseHillstromRow(good, 1)).toEqual({ row: 1, variantKey: 'womens', history: 142.44, visit: true, conversion: false, spend: 0 });
  });
  it('names the file line and field of a bad value', () => {
    expect(() => parseHillstromRow({ ...good, segment: 'Kids E-Mail' }, 4)).toThrow('row 5, field segment: must be one of No E-Mail, Mens E-Mail, Womens E-Mail; got "Kids E-Mail"');
    expect(() => parseHillstromRow({ ...good, visit: 'yes' }, 1)).toThrow('row 2, field visit');
    expect(() => parseHillstromRow({ ...good, spend: '-3' }, 1)).toThrow('row 2, field spend');
  });
  it('refuses a header without the outcome columns', () => {
    expect(() => checkHillstromHeader(['recency', 'segment'])).toThrow('row 1: the header lacks history, visit, conversion, spend');
  });
});
