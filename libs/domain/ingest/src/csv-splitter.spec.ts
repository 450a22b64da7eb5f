import { describe, expect, it } from 'vitest';
import { CsvSplitter, CsvSyntaxError } from './csv-splitter';

const all = (pieces: string[]) => {
  const splitter = new CsvSplitter();
  return [...pieces.flatMap((p) => splitter.push(p)), ...splitter.end()];
};

describe('CsvSplitter', () => {
  it('splits records and quoted fields (doc example)', () => {
    expect(new CsvSplitter().push('a,"b,c"\n1,2\n')).toEqual([
      { fields: ['a', 'b,c'], line: 1 },
      { fields: ['1', '2'], line: 2 },
    ]);
  });

  it('gives the same records whatever the pieces, with doubled quotes, CRLF, line breaks in quotes and empty lines', () => {
    const text = '\ufeffid,text,n\r\n1,"say ""hi""",3\r\n\r\n2,"two\nlines",\n3,,"x"\n4,last';
    const expected = [
      { fields: ['id', 'text', 'n'], line: 1 },
      { fields: ['1', 'say "hi"', '3'], line: 2 },
      { fields: ['2', 'two\nlines', ''], line: 4 },
      { fields: ['3', '', 'x'], line: 6 },
      { fields: ['4', 'last'], line: 7 },
    ];
    expect(all([text])).toEqual(expected);
    for (const size of [1, 2, 3, 5, 7]) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      expect(all(pieces)).toEqual(expected);
    }
  });

  it('names the line of an unclosed quote and of text after a closing quote', () => {
    expect(() => all(['a,b\n1,"open\n'])).toThrow(CsvSyntaxError);
    expect(() => all(['a,b\n1,"open\n'])).toThrow('a quoted field opened on line 2 is never closed');
    expect(() => all(['a\n"x"y\n'])).toThrow('unexpected character after a closing quote on line 2');
  });

  it('reads a trailing empty field and a last line without a break', () => {
    expect(all(['a,b,\n', 'c'])).toEqual([
      { fields: ['a', 'b', ''], line: 1 },
      { fields: ['c'], line: 2 },
    ]);
  });
});
