/**
 * Streaming UTF-8 validation that can say where a file goes wrong: feed it
 * chunks in order; it answers the 1-based line of the first invalid byte,
 * or null. Sequences split across chunks are carried over (RFC 3629:
 * overlong forms, surrogates and code points above U+10FFFF are invalid).
 * Example: new Utf8LineChecker().push(Uint8Array.from([0x61, 0x0a, 0xff])) === 2, and then
 * `invalid` is { offset: 2, byte: 0xff }
 */
export class Utf8LineChecker {
  private line = 1;
  private carry: number[] = [];
  /** Bytes of the file before the current chunk (carried bytes included). */
  private consumed = 0;
  /** Where the first invalid byte is: its 0-based offset in the file and its value, once found. */
  invalid: { offset: number; byte: number } | null = null;

  /** Returns the line of the first invalid byte in this chunk (with what was carried), or null. */
  push(chunk: Uint8Array): number | null {
    const bytes = this.carry.length ? concat(Uint8Array.from(this.carry), chunk) : chunk;
    const base = this.consumed - this.carry.length;
    this.consumed += chunk.length;
    this.carry = [];
    const fail = (at: number): number => {
      this.invalid = { offset: base + at, byte: bytes[at] };
      return this.line;
    };
    let i = 0;
    const n = bytes.length;
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) {
        if (b === 0x0a) this.line++;
        i++;
        continue;
      }
      let need: number, min: number, cp: number;
      if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
      else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
      else return fail(i);
      if (i + need >= n) {
        // Not enough bytes left in this chunk: check what is there and carry the rest.
        for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return fail(k);
        this.carry = Array.from(bytes.subarray(i));
        return null;
      }
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k];
        if ((c & 0xc0) !== 0x80) return fail(i + k);
        cp = (cp << 6) | (c & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return fail(i);
      i += need + 1;
    }
    return null;
  }

  /** At the end of the file: a sequence left unfinished is invalid. */
  end(): number | null {
    if (!this.carry.length) return null;
    this.invalid = { offset: this.consumed - this.carry.length, byte: this.carry[0] };
    return this.line;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
