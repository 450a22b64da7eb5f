import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, JsonShapeError } from './json-array-splitter';
import { Utf8LineChecker } from './utf8-check';

describe('Utf8LineChecker', () => {
  it('names the line of an invalid byte (doc example)', () => {
    const checker = new Utf8LineChecker();
    expect(checker.push(Uint8Array.from([0x61, 0x0a, 0xff]))).toBe(2);
    expect(checker.invalid).toEqual({ offset: 2, byte: 0xff });
  });
  it('gives the offset of the first invalid byte in the whole file, across chunks', () => {
    const checker = new Utf8LineChecker();
    expect(checker.push(new TextEncoder().encode('ab\ncd'))).toBeNull();
    expect(checker.push(Uint8Array.from([0xe4, 0xb8]))).toBeNull();
    expect(checker.push(Uint8Array.from([0x41]))).toBe(2);
    expect(checker.invalid).toEqual({ offset: 7, byte: 0x41 });
  });
  it('accepts multi-byte characters split across chunks', () => {
    const bytes = new TextEncoder().encode('a,b\n上海,🚗\n');
    const checker = new Utf8LineChecker();
    for (let i = 0; i < bytes.length; i++) expect(checker.push(bytes.subarray(i, i + 1))).toBeNull();
    expect(checker.end()).toBeNull();
  });
  it('refuses Latin-1 text, overlong forms and a truncated ending', () => {
    expect(new Utf8LineChecker().push(Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0x63, 0xe9, 0x0a]))).toBe(3);
    expect(new Utf8LineChecker().push(Uint8Array.from([0xc0, 0xaf]))).toBe(1);
    const checker = new Utf8LineChecker();
    expect(checker.push(Uint8Array.from([0x61, 0xe4, 0xb8]))).toBeNull();
    expect(checker.end()).toBe(1);
  });
});

describe('JsonArraySplitter', () => {
  it('splits an array into element texts (doc example)', () => {
    expect(new JsonArraySplitter().push('[{"a":1},{"b":2}]')).toEqual(['{"a":1}', '{"b":2}']);
  });
  it('follows strings with brackets and escapes across pieces', () => {
    const splitter = new JsonArraySplitter();
    const text = '[\n {"t":"a}\\"b[", "n":{"x":[1,2]}},\n {"c":3}\n]';
    const out: string[] = [];
    for (const ch of text) out.push(...splitter.push(ch));
    splitter.end();
    expect(out.map((e) => JSON.parse(e))).toEqual([{ t: 'a}"b[', n: { x: [1, 2] } }, { c: 3 }]);
  });
  it('refuses what is not an array of objects', () => {
    expect(() => new JsonArraySplitter().push('{"a":1}')).toThrow(JsonShapeError);
    expect(() => new JsonArraySplitter().push('[1,2]')).toThrow(/each element must be an object/);
    const open = new JsonArraySplitter();
    open.push('[{"a":1}');
    expect(() => open.end()).toThrow(/not closed/);
  });
});
