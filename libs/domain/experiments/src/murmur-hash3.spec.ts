import { describe, expect, it } from 'vitest';
import { murmurHash3, utf8Bytes } from './murmur-hash3';

// Published MurmurHash3_x86_32 test vectors: Wikipedia "MurmurHash" and Ian
// Boyd's vectors (https://stackoverflow.com/a/31929528), also asserted by the
// Python mmh3 package's tests; "ππππππππ" checks multi-byte UTF-8.
describe('murmurHash3', () => {
  it.each([
    ['', 0, 0x00000000],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0', 0, 0x514e28b7],
    ['abc', 0, 0xb3dd93fa],
    ['test', 0, 0xba6bd213],
    ['test', 0x9747b28c, 0x704b81dc],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['ab', 0x9747b28c, 0x74875592],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['a'.repeat(256), 0x9747b28c, 0x37405bdc],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 0, 0xee925b90],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ])('hash(%j, seed %i) is the published value', (text, seed, expected) => {
    expect(murmurHash3(text, seed)).toBe(expected);
  });

  it('encodes UTF-8 like the platform does, including astral characters', () => {
    expect(Array.from(utf8Bytes('π'))).toEqual([0xcf, 0x80]);
    for (const text of ['Crosslane', 'Ünterföhring', '得到·喜马拉雅', 'wheel 🛞 kit']) {
      expect(Array.from(utf8Bytes(text))).toEqual(Array.from(new TextEncoder().encode(text)));
    }
  });
});
