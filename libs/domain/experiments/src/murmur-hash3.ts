/**
 * UTF-8 bytes of a string (RFC 3629), written out so the hash needs no
 * TextEncoder or Buffer and runs the same in Node, browsers and workers.
 *
 * Example: Array.from(utf8Bytes('π')) -> [0xcf, 0x80].
 */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    // for...of walks code points, so surrogate pairs arrive joined.
    const cp = char.codePointAt(0) as number;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/**
 * MurmurHash3, x86 32-bit variant, of the UTF-8 bytes of `text`.
 *
 * Method: Austin Appleby, MurmurHash3 (SMHasher, 2011,
 * https://github.com/aappleby/smhasher, MurmurHash3_x86_32). It passes
 * SMHasher's avalanche and distribution tests, uses only 32-bit integer
 * arithmetic (Math.imul), so Node, browsers and any other language's
 * MurmurHash3 library give the same value, and it is what Optimizely buckets
 * users with. Not cryptographic: it only needs to spread keys evenly.
 *
 * Example: murmurHash3('Hello, world!', 0x9747b28c) === 0x24884cba (published test vector).
 */
export function murmurHash3(text: string, seed = 0): number {
  const data = utf8Bytes(text);
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = data.length >> 2;
  let h = seed >>> 0;

  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    let k = data[o] | (data[o + 1] << 8) | (data[o + 2] << 16) | (data[o + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }

  const tail = blocks * 4;
  let k = 0;
  switch (data.length & 3) {
    case 3:
      k ^= data[tail + 2] << 16;
    // falls through
    case 2:
      k ^= data[tail + 1] << 8;
    // falls through
    case 1:
      k ^= data[tail];
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }

  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
