import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas (the doc example)', () => {
    expect(toCsv(['a', 'b'], [['x,y', 1]])).toBe('a,b\r\n"x,y",1\r\n');
  });

  it('doubles quotes, leaves nulls empty and defuses formulas', () => {
    expect(toCsv(['v'], [['say "hi"'], [null], ['=HYPERLINK("x")'], [-3]])).toBe(
      'v\r\n"say ""hi"""\r\n\r\n"\'=HYPERLINK(""x"")"\r\n-3\r\n',
    );
  });
});
