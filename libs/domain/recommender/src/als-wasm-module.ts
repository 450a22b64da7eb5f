import { ValueType, WasmFunction, wasmModuleBytes } from './wasm-assembler';
import { dotTile2x4, forRange, horizontalSum, madd, tileLocals, zeroV128 } from './wasm-loops';

// The inner loops of implicit ALS as WebAssembly SIMD. Plain JavaScript
// reached about 2.5 G multiply-adds per second here, well behind numpy with
// OpenBLAS; these loops reach several times that. The Gram products and the
// CG vectors are float64 (two lanes), the sparse terms float32 (four lanes,
// as als_ref.py computes everything). No fused multiply-add, so every thread
// and every run rounds the same way. All pointers are byte offsets into the
// shared memory; `kp` is the row stride in values, a multiple of 16.

const { i32, f64, v128 } = ValueType;

/**
 * OUT[v·kp + i] = Σ_j G[i·kp + j] · P[v·kp + j] for the four lanes v; two rows
 * of G per pass, so eight accumulators hide the add latency.
 */
function gemm4(kp: number): WasmFunction {
  const f = new WasmFunction('gemm4', [i32, i32, i32]);
  const [g, p, out] = [0, 1, 2];
  const rowBytes = kp * 8;
  const i = f.local(i32);
  const g0 = f.local(i32);
  const o = f.local(i32);
  const tile = tileLocals(f);
  forRange(
    f,
    i,
    () => f.i32(0),
    () => f.i32(kp),
    2,
    () => {
      f.get(g).get(i).i32(rowBytes).i32Mul().i32Add().set(g0);
      // A loop, not straight-line code: unrolling this body made V8's code slower (5.8 against 13 G multiply-adds/s).
      dotTile2x4(f, tile, g0, p, () => f.i32(rowBytes), rowBytes);
      f.get(out).get(i).i32(3).i32Shl().i32Add().set(o);
      for (let v = 0; v < 4; v++) {
        f.get(o);
        horizontalSum(f, tile.acc[v]);
        f.f64Store(v * rowBytes);
        f.get(o);
        horizontalSum(f, tile.acc[4 + v]);
        f.f64Store(v * rowBytes + 8);
      }
    },
  );
  return f;
}

/**
 * One row's sparse term over the other side's float32 copy F32: first
 * coef[t] = w_t (y_t · V), or c_t − w_t (y_t · V) when `residual`, with
 * base[t] = address of y_t; then DST = sign · SRC + Σ_t coef[t] y_t. The
 * products and sums run in float32 (four lanes, half the memory traffic),
 * as in als_ref.py and implicit; V, coef, SRC and DST stay float64. Both
 * passes go 32 columns at a time, those columns in registers while the row's
 * y_t stream past. V32 holds V in float32, DOTS 16 bytes per t.
 */
function sparseApply(kp: number): WasmFunction {
  const f = new WasmFunction('sparse_apply', [i32, i32, i32, i32, i32, i32, i32, i32, f64, i32, i32, i32, i32, i32]);
  const [F32, idx, w, conf, n, V, dst, src, sign, residual, coef, base, dots, v32] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const rowBytes = kp * 4;
  const t = f.local(i32);
  const row = f.local(i32);
  const partial = f.local(i32);
  const d = f.local(f64);
  const reg = Array.from({ length: 8 }, () => f.local(v128));
  const x = f.local(v128);
  const s2 = f.local(v128);

  forRange(
    f,
    t,
    () => f.i32(0),
    () => f.i32(kp),
    1,
    () => {
      f.get(v32).get(t).i32(2).i32Shl().i32Add();
      f.get(V).get(t).i32(3).i32Shl().i32Add().f64Load().f32DemoteF64();
      f.f32Store();
    },
  );
  // Dots by column chunks: 32 columns of V sit in registers while the same
  // columns of every y_t stream past, each row's partial sum kept in DOTS. A
  // row at a time with its own accumulators instead waits on chains of
  // dependent adds, about 1.6x slower here.
  for (let chunk = 0; chunk < rowBytes; chunk += 128) {
    // kp is a multiple of 16, so the last chunk may hold 16 columns (4 registers).
    const lanes = Math.min(8, (rowBytes - chunk) / 16);
    for (let q = 0; q < lanes; q++)
      f.get(v32)
        .v128Load(chunk + 16 * q)
        .set(reg[q]);
    forRange(
      f,
      t,
      () => f.i32(0),
      () => f.get(n),
      1,
      () => {
        if (chunk === 0) {
          f.get(F32).get(idx).get(t).i32(2).i32Shl().i32Add().i32Load().i32(rowBytes).i32Mul().i32Add().set(row);
          f.get(base).get(t).i32(2).i32Shl().i32Add().get(row).i32Store();
        } else {
          f.get(base).get(t).i32(2).i32Shl().i32Add().i32Load().set(row);
        }
        f.get(dots).get(t).i32(4).i32Shl().i32Add().set(partial);
        // ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)): a tree, not a chain.
        const tree = (from: number, count: number): void => {
          if (count === 1) {
            f.get(row)
              .v128Load(chunk + 16 * from)
              .get(reg[from])
              .f32x4Mul();
            return;
          }
          tree(from, count / 2);
          tree(from + count / 2, count / 2);
          f.f32x4Add();
        };
        tree(0, lanes);
        f.set(x);
        f.get(partial);
        if (chunk === 0) f.get(x);
        else f.get(partial).v128Load().get(x).f32x4Add();
        f.v128Store();
      },
    );
  }
  // coef[t] = residual ? c_t − w_t·d : w_t·d, in float64
  forRange(
    f,
    t,
    () => f.i32(0),
    () => f.get(n),
    1,
    () => {
      f.get(dots).get(t).i32(4).i32Shl().i32Add().v128Load().set(x);
      f.get(x).f32x4ExtractLane(0).get(x).f32x4ExtractLane(1).f32Add();
      f.get(x).f32x4ExtractLane(2).get(x).f32x4ExtractLane(3).f32Add();
      f.f32Add().f64PromoteF32();
      f.get(w).get(t).i32(3).i32Shl().i32Add().f64Load().f64Mul().set(d);
      f.get(coef).get(t).i32(3).i32Shl().i32Add();
      f.get(conf).get(t).i32(3).i32Shl().i32Add().f64Load().get(d).f64Sub();
      f.get(d);
      f.get(residual).select();
      f.f64Store();
    },
  );
  // DST = sign·SRC + Σ_t coef[t] y_t, 32 output columns in registers per pass.
  const highHalf = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
  for (let chunk = 0; chunk < rowBytes; chunk += 128) {
    const lanes = Math.min(8, (rowBytes - chunk) / 16);
    for (let q = 0; q < lanes; q++) f.f64(0).f64x2Splat().set(reg[q]);
    forRange(
      f,
      t,
      () => f.i32(0),
      () => f.get(n),
      1,
      () => {
        f.get(coef).get(t).i32(3).i32Shl().i32Add().f64Load().f32DemoteF64().f32x4Splat().set(x);
        f.get(base).get(t).i32(2).i32Shl().i32Add().i32Load().set(row);
        for (let q = 0; q < lanes; q++) {
          f.get(reg[q])
            .get(x)
            .get(row)
            .v128Load(chunk + 16 * q)
            .f32x4Mul()
            .f32x4Add()
            .set(reg[q]);
        }
      },
    );
    f.get(sign).f64x2Splat().set(s2);
    for (let q = 0; q < lanes; q++) {
      // float32 columns chunk/4 + 4q .. + 3 are float64 bytes 2·chunk + 32q .. + 31.
      const at = 2 * chunk + 32 * q;
      f.get(dst);
      f.get(src).v128Load(at).get(s2).f64x2Mul().get(reg[q]).f64x2PromoteLowF32x4().f64x2Add();
      f.v128Store(at);
      f.get(dst);
      f.get(src)
        .v128Load(at + 16)
        .get(s2)
        .f64x2Mul();
      f.get(reg[q]).get(reg[q]).i8x16Shuffle(highHalf).f64x2PromoteLowF32x4().f64x2Add();
      f.v128Store(at + 16);
    }
  }
  return f;
}

/**
 * One conjugate-gradient step for one lane, given AP = A·P: the same update
 * and the same guard as als_ref.py (a lane with rᵀr ≤ 1e-20 or pᵀAp ≤ 0 stops
 * moving). Returns the new rᵀr; skips the P update on the last step.
 */
function cgUpdate(kp: number): WasmFunction {
  const f = new WasmFunction('cg_update', [i32, i32, i32, i32, f64, i32], [f64]);
  const [x, r, p, ap, rsOld, last] = [0, 1, 2, 3, 4, 5];
  const ok = f.local(i32);
  const pAp = f.local(f64);
  const rn = f.local(f64);
  const acc0 = f.local(v128);
  const acc1 = f.local(v128);
  const av = f.local(v128);
  const nr = f.local(v128);
  zeroV128(f, acc0, acc1);
  for (let j = 0; j < kp * 8; j += 16) {
    madd(
      f,
      (j & 16) === 0 ? acc0 : acc1,
      () => f.get(p).v128Load(j),
      () => f.get(ap).v128Load(j),
    );
  }
  f.get(acc0).get(acc1).f64x2Add().set(acc0);
  horizontalSum(f, acc0);
  f.set(pAp);
  f.get(rsOld).f64(1e-20).f64Gt().get(pAp).f64(0).f64Gt().i32And().set(ok);
  f.get(rsOld).get(pAp).f64Div().f64(0).get(ok).select().f64x2Splat().set(av);
  zeroV128(f, acc0, acc1);
  for (let j = 0; j < kp * 8; j += 16) {
    // x += a p;  r -= a ap;  rn += r·r
    f.get(x);
    f.get(x).v128Load(j).get(av).get(p).v128Load(j).f64x2Mul().f64x2Add();
    f.v128Store(j);
    f.get(r).v128Load(j).get(av).get(ap).v128Load(j).f64x2Mul().f64x2Sub().set(nr);
    f.get(r).get(nr).v128Store(j);
    const acc = (j & 16) === 0 ? acc0 : acc1;
    f.get(acc).get(nr).get(nr).f64x2Mul().f64x2Add().set(acc);
  }
  f.get(acc0).get(acc1).f64x2Add().set(acc0);
  horizontalSum(f, acc0);
  f.set(rn);
  f.get(last).i32Eqz().if();
  // p = r + beta p
  f.get(rn).get(rsOld).f64Div().f64(0).get(ok).select().f64x2Splat().set(av);
  for (let j = 0; j < kp * 8; j += 16) {
    f.get(p);
    f.get(r).v128Load(j).get(av).get(p).v128Load(j).f64x2Mul().f64x2Add();
    f.v128Store(j);
  }
  f.end();
  f.get(rn);
  return f;
}

/** DST = SRC; returns SRC · SRC. */
function copyDot(kp: number): WasmFunction {
  const f = new WasmFunction('copy_dot', [i32, i32], [f64]);
  const [dst, src] = [0, 1];
  const acc0 = f.local(v128);
  const acc1 = f.local(v128);
  const v = f.local(v128);
  zeroV128(f, acc0, acc1);
  for (let j = 0; j < kp * 8; j += 16) {
    f.get(src).v128Load(j).set(v);
    f.get(dst).get(v).v128Store(j);
    const acc = (j & 16) === 0 ? acc0 : acc1;
    f.get(acc).get(v).get(v).f64x2Mul().f64x2Add().set(acc);
  }
  f.get(acc0).get(acc1).f64x2Add().set(acc0);
  horizontalSum(f, acc0);
  return f;
}

/**
 * Partial Gram matrix Σ_r x_r x_rᵀ of `rows` final factor rows (upper
 * triangle and a few entries below it, in 2 x 4 tiles), through a
 * column-major copy COLT (column stride `bpad` doubles, even) so each entry is
 * a contiguous dot product; also writes the rows' float32 copy to MIRROR for
 * the other side's sparse terms.
 */
function gramBlock(kp: number, bpad: number): WasmFunction {
  const f = new WasmFunction('gram_block', [i32, i32, i32, i32, i32]);
  const [X, rows, colT, out, mirror] = [0, 1, 2, 3, 4];
  const rowBytes = kp * 8;
  const colBytes = bpad * 8;
  const evenBytes = f.local(i32);
  const r = f.local(i32);
  const i = f.local(i32);
  const j = f.local(i32);
  const ci0 = f.local(i32);
  const cj = f.local(i32);
  const o0 = f.local(i32);
  const tile = tileLocals(f);
  f.get(rows).i32(1).i32Add().i32(-2).i32And().i32(3).i32Shl().set(evenBytes);
  forRange(
    f,
    r,
    () => f.i32(0),
    () => f.get(rows),
    1,
    () => {
      f.get(X).get(r).i32(rowBytes).i32Mul().i32Add().set(ci0);
      f.get(colT).get(r).i32(3).i32Shl().i32Add().set(cj);
      f.get(mirror)
        .get(r)
        .i32(kp * 4)
        .i32Mul()
        .i32Add()
        .set(o0);
      for (let col = 0; col < kp; col++) {
        f.get(cj)
          .get(ci0)
          .f64Load(8 * col)
          .f64Store(col * colBytes);
        f.get(o0)
          .get(ci0)
          .f64Load(8 * col)
          .f32DemoteF64()
          .f32Store(4 * col);
      }
    },
  );
  // An odd row count (always below the even bpad) leaves one slot of padding to zero.
  f.get(rows).i32(1).i32And().if();
  f.get(colT).get(rows).i32(3).i32Shl().i32Add().set(cj);
  for (let col = 0; col < kp; col++)
    f.get(cj)
      .f64(0)
      .f64Store(col * colBytes);
  f.end();
  forRange(
    f,
    i,
    () => f.i32(0),
    () => f.i32(kp),
    2,
    () => {
      f.get(colT).get(i).i32(colBytes).i32Mul().i32Add().set(ci0);
      forRange(
        f,
        j,
        () => f.get(i).i32(-4).i32And(),
        () => f.i32(kp),
        4,
        () => {
          f.get(colT).get(j).i32(colBytes).i32Mul().i32Add().set(cj);
          dotTile2x4(f, tile, ci0, cj, () => f.get(evenBytes), colBytes);
          f.get(out).get(i).i32(kp).i32Mul().get(j).i32Add().i32(3).i32Shl().i32Add().set(o0);
          for (let q = 0; q < 4; q++) {
            f.get(o0);
            horizontalSum(f, tile.acc[q]);
            f.f64Store(8 * q);
            f.get(o0);
            horizontalSum(f, tile.acc[4 + q]);
            f.f64Store(rowBytes + 8 * q);
          }
        },
      );
    },
  );
  return f;
}

/** DST += SRC over `bytes` bytes (a multiple of 16). */
function addInto(): WasmFunction {
  const f = new WasmFunction('add_into', [i32, i32, i32]);
  const [dst, src, bytes] = [0, 1, 2];
  const j = f.local(i32);
  forRange(
    f,
    j,
    () => f.i32(0),
    () => f.get(bytes),
    16,
    () => {
      f.get(dst).get(j).i32Add();
      f.get(dst).get(j).i32Add().v128Load().get(src).get(j).i32Add().v128Load().f64x2Add();
      f.v128Store();
    },
  );
  return f;
}

/** Exports of the compiled kernel module, as the JavaScript side calls them (pointers in bytes). */
export interface AlsWasmExports {
  gemm4(g: number, p: number, out: number): void;
  sparse_apply(
    F: number,
    idx: number,
    w: number,
    conf: number,
    n: number,
    V: number,
    dst: number,
    src: number,
    sign: number,
    residual: number,
    coef: number,
    base: number,
    dots: number,
    v32: number,
  ): void;
  cg_update(x: number, r: number, p: number, ap: number, rsOld: number, last: number): number;
  copy_dot(dst: number, src: number): number;
  gram_block(X: number, rows: number, colT: number, out: number, mirror: number): void;
  add_into(dst: number, src: number, bytes: number): void;
}

const compiled = new Map<string, WebAssembly.Module>();

/**
 * The ALS kernel module for row stride `stride` (a multiple of 16) and
 * `blockSize` rows per block, assembled and compiled once per process: the
 * stride is built in, so loops over a row unroll into straight-line code with
 * constant offsets. Its memory is imported (env.memory, shared), so workers
 * instantiate the same module over the same factors.
 *
 * Example: WebAssembly.Module.exports(alsWasmModule(64, 64)).map((e) => e.name) includes 'gemm4'.
 */
export function alsWasmModule(stride: number, blockSize: number): WebAssembly.Module {
  if (stride % 16 !== 0 || blockSize % 4 !== 0) {
    throw new RangeError(`alsWasmModule requires stride % 16 === 0 and blockSize % 4 === 0, got ${stride}, ${blockSize}`);
  }
  const key = `${stride}/${blockSize}`;
  let module = compiled.get(key);
  if (module === undefined) {
    module = new WebAssembly.Module(
      wasmModuleBytes([gemm4(stride), sparseApply(stride), cgUpdate(stride), copyDot(stride), gramBlock(stride, blockSize), addInto()]),
    );
    compiled.set(key, module);
  }
  return module;
}
