import { describe, expect, it } from 'vitest';
import { alsWasmModule, type AlsWasmExports } from './als-wasm-module';
import { createSeededRandom } from './seeded-random';

const bpad = 8;
const memory = new WebAssembly.Memory({ initial: 16, maximum: 16, shared: true });
const f64 = new Float64Array(memory.buffer);
const i32 = new Int32Array(memory.buffer);
const random = createSeededRandom(3);

/** Byte offset of a fresh region of n doubles filled with random values. */
let next = 0;
function region(n: number, fill = true): number {
  const at = next;
  next += Math.ceil((n * 8) / 64) * 64;
  for (let q = 0; q < n; q++) f64[at / 8 + q] = fill ? random() - 0.5 : 0;
  return at;
}
const read = (at: number, n: number): number[] => Array.from(f64.subarray(at / 8, at / 8 + n));

describe('alsWasmModule', () => {
  it('exports its kernels (the doc example)', () => {
    expect(WebAssembly.Module.exports(alsWasmModule(64, 64)).map((e) => e.name)).toContain('gemm4');
    expect(() => alsWasmModule(12, 8)).toThrow('alsWasmModule requires stride % 16 === 0');
  });
});

// 16: one short float32 chunk; 48: a full chunk of 32 columns and a short one.
describe.each([16, 48])('ALS WebAssembly kernels agree with plain arithmetic (stride %i)', (kp) => {
  const ex = new WebAssembly.Instance(alsWasmModule(kp, bpad), { env: { memory } }).exports as unknown as AlsWasmExports;

  it('gemm4: four matrix-vector products with one pass over G', () => {
    const G = region(kp * kp);
    const P = region(4 * kp);
    const out = region(4 * kp, false);
    ex.gemm4(G, P, out);
    for (let v = 0; v < 4; v++) {
      for (let i = 0; i < kp; i++) {
        let s = 0;
        for (let j = 0; j < kp; j++) s += f64[G / 8 + i * kp + j] * f64[P / 8 + v * kp + j];
        expect(f64[out / 8 + v * kp + i]).toBeCloseTo(s, 13);
      }
    }
  });

  it.each([0, 1, 5])('sparse_apply with %i stored interactions, both modes (float32 products)', (n) => {
    const F32 = region(5 * kp); // room for 10 rows of kp float32 values
    const f32 = new Float32Array(memory.buffer, F32, 10 * kp);
    for (let q = 0; q < f32.length; q++) f32[q] = random() - 0.5;
    const idx = next;
    next += 64;
    const rows = [7, 2, 9, 0, 4].slice(0, n);
    rows.forEach((r, t) => (i32[idx / 4 + t] = r));
    const w = region(5);
    const conf = region(5);
    const V = region(kp);
    const src = region(kp);
    const [coef, base, dots, v32] = [region(8), region(8), region(16), region(kp)];
    for (const residual of [0, 1]) {
      const dst = region(kp, false);
      const sign = residual ? -1 : 1;
      ex.sparse_apply(F32, idx, w, conf, n, V, dst, src, sign, residual, coef, base, dots, v32);
      const expected = read(src, kp).map((x) => sign * x);
      rows.forEach((r, t) => {
        let d = 0;
        for (let j = 0; j < kp; j++) d += f32[r * kp + j] * f64[V / 8 + j];
        const c = residual ? f64[conf / 8 + t] - f64[w / 8 + t] * d : f64[w / 8 + t] * d;
        for (let j = 0; j < kp; j++) expected[j] += c * f32[r * kp + j];
      });
      // float32 arithmetic: about 7 significant digits.
      read(dst, kp).forEach((x, j) => expect(x).toBeCloseTo(expected[j], 5));
    }
  });

  it('cg_update: one conjugate-gradient step, with the reference guard', () => {
    const [x, r, p, ap] = [region(kp), region(kp), region(kp), region(kp)];
    const [x0, r0, p0, ap0] = [read(x, kp), read(r, kp), read(p, kp), read(ap, kp)];
    const rs = r0.reduce((s, v) => s + v * v, 0);
    const pAp = p0.reduce((s, v, j) => s + v * ap0[j], 0);
    const a = rs > 1e-20 && pAp > 0 ? rs / pAp : 0;
    const r1 = r0.map((v, j) => v - a * ap0[j]);
    const rn = r1.reduce((s, v) => s + v * v, 0);
    expect(ex.cg_update(x, r, p, ap, rs, 0)).toBeCloseTo(rn, 13);
    read(x, kp).forEach((v, j) => expect(v).toBeCloseTo(x0[j] + a * p0[j], 13));
    read(r, kp).forEach((v, j) => expect(v).toBeCloseTo(r1[j], 13));
    const beta = a === 0 ? 0 : rn / rs;
    read(p, kp).forEach((v, j) => expect(v).toBeCloseTo(r1[j] + beta * p0[j], 13));
    // A converged lane (rs ≤ 1e-20) does not move.
    const before = read(x, kp);
    ex.cg_update(x, r, p, ap, 1e-21, 1);
    expect(read(x, kp)).toEqual(before);
  });

  it('copy_dot copies and returns the squared norm', () => {
    const [src, dst] = [region(kp), region(kp, false)];
    expect(ex.copy_dot(dst, src)).toBeCloseTo(
      read(src, kp).reduce((s, v) => s + v * v, 0),
      13,
    );
    expect(read(dst, kp)).toEqual(read(src, kp));
  });

  it.each([1, 5, 8])('gram_block: the upper triangle of Σ x_r x_rᵀ over %i rows, and their float32 copy', (rows) => {
    const X = region(rows * kp);
    const colT = region(kp * bpad + kp, false);
    const out = region(kp * kp, false);
    const mirror = region((rows * kp) / 2, false);
    ex.gram_block(X, rows, colT, out, mirror);
    for (let i = 0; i < kp; i++) {
      for (let j = i; j < kp; j++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += f64[X / 8 + r * kp + i] * f64[X / 8 + r * kp + j];
        expect(f64[out / 8 + i * kp + j]).toBeCloseTo(s, 13);
      }
    }
    expect(Array.from(new Float32Array(memory.buffer, mirror, rows * kp))).toEqual(Array.from(Float32Array.from(read(X, rows * kp))));
  });

  it('add_into adds element-wise', () => {
    const [a, b] = [region(6), region(6)];
    const expected = read(a, 6).map((v, j) => v + f64[b / 8 + j]);
    ex.add_into(a, b, 48);
    expect(read(a, 6)).toEqual(expected);
  });
});
