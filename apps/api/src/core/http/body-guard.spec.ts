import { describe, expect, it } from 'vitest';
import { findNulByte, jsonDepthExceeds } from './body-guard';

describe('jsonDepthExceeds', () => {
  it('finds the bracket that goes one level too deep, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds('[[[1]]]', 2)).toBe(3);
    expect(jsonDepthExceeds('[[1],[2]]', 2)).toBeNull();
    expect(jsonDepthExceeds('{"a":"[[[[[\\"[[["}', 1)).toBeNull();
  });

  it('reads a 60,000-deep rule without using the stack', () => {
    const deep = '{"not":'.repeat(60_000) + '{"field":"city","op":"eq","value":"x"}' + '}'.repeat(60_000);
    expect(jsonDepthExceeds(deep, 64)).toBe(1 + 64 * 7);
  });
});

describe('findNulByte', () => {
  it('names the path of the first text holding a NUL byte, in values and in keys', () => {
    expect(findNulByte({ name: 'ok', rule: { and: [{ value: 'a\u0000b' }] } }, '')).toBe('rule.and[0].value');
    expect(findNulByte({ ['bad\u0000key']: 1 }, '')).toBe('bad\\u0000key');
    expect(findNulByte({ q: ['x', 'y\u0000'] }, 'query')).toBe('query.q[1]');
    expect(findNulByte('\u0000', '')).toBe('body');
    expect(findNulByte({ name: 'fine', list: [1, null, true] }, 'body')).toBeNull();
    expect(findNulByte(undefined, 'query')).toBeNull();
  });
});
