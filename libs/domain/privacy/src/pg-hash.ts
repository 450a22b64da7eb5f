/**
 * PostgreSQL's `hashint8extended(value, seed)` in TypeScript: Bob Jenkins'
 * lookup3 (`hash_bytes_uint32_extended` in src/common/hashfn.c) on the
 * 64-bit value folded to 32 bits, as hashint8extended does in
 * src/backend/access/hash/hashfunc.c. Having the same function on both sides
 * lets the database build a member-set sketch in one pass (a C function per
 * row, no rows sent to Node) while the gate decodes the sketch here.
 *
 * Example: pgHashInt8Extended(1n, 0n) === -3670598878359251130n
 * (`SELECT hashint8extended(1, 0)` in PostgreSQL 15 and 18).
 */
export function pgHashInt8Extended(value: bigint, seed: bigint): bigint {
  const v = BigInt.asIntN(64, value);
  let lo = Number(BigInt.asUintN(32, v));
  const hi = Number(BigInt.asUintN(32, v >> 32n));
  lo = (lo ^ (v >= 0n ? hi : ~hi)) >>> 0;
  return hashUint32Extended(lo, BigInt.asUintN(64, seed));
}

const rot = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

function hashUint32Extended(k: number, seed: bigint): bigint {
  let a = (0x9e3779b9 + 4 + 3923095) >>> 0;
  let b = a;
  let c = a;
  if (seed !== 0n) {
    a = (a + Number(seed >> 32n)) >>> 0;
    b = (b + Number(BigInt.asUintN(32, seed))) >>> 0;
    // mix(a, b, c)
    a = (a - c) >>> 0;
    a = (a ^ rot(c, 4)) >>> 0;
    c = (c + b) >>> 0;
    b = (b - a) >>> 0;
    b = (b ^ rot(a, 6)) >>> 0;
    a = (a + c) >>> 0;
    c = (c - b) >>> 0;
    c = (c ^ rot(b, 8)) >>> 0;
    b = (b + a) >>> 0;
    a = (a - c) >>> 0;
    a = (a ^ rot(c, 16)) >>> 0;
    c = (c + b) >>> 0;
    b = (b - a) >>> 0;
    b = (b ^ rot(a, 19)) >>> 0;
    a = (a + c) >>> 0;
    c = (c - b) >>> 0;
    c = (c ^ rot(b, 4)) >>> 0;
    b = (b + a) >>> 0;
  }
  a = (a + k) >>> 0;
  // final(a, b, c)
  c = (c ^ b) >>> 0;
  c = (c - rot(b, 14)) >>> 0;
  a = (a ^ c) >>> 0;
  a = (a - rot(c, 11)) >>> 0;
  b = (b ^ a) >>> 0;
  b = (b - rot(a, 25)) >>> 0;
  c = (c ^ b) >>> 0;
  c = (c - rot(b, 16)) >>> 0;
  a = (a ^ c) >>> 0;
  a = (a - rot(c, 4)) >>> 0;
  b = (b ^ a) >>> 0;
  b = (b - rot(a, 14)) >>> 0;
  c = (c ^ b) >>> 0;
  c = (c - rot(b, 24)) >>> 0;
  return BigInt.asIntN(64, (BigInt(b) << 32n) | BigInt(c));
}
