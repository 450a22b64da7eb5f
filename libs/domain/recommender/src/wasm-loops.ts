import { ValueType, type Local, type WasmFunction } from './wasm-assembler';

// Loop and SIMD building blocks shared by the ALS and SPD-inverse kernel
// modules, so both emit the same instruction sequences from one definition.

/** for (counter = start; counter < limit; counter += step) body() — unsigned compare. */
export function forRange(f: WasmFunction, counter: Local, start: () => void, limit: () => void, step: number, body: () => void): void {
  start();
  f.set(counter);
  f.block().loop();
  f.get(counter);
  limit();
  f.i32LtU().i32Eqz().brIf(1);
  body();
  f.get(counter).i32(step).i32Add().set(counter);
  f.br(0).end().end();
}

/** Sets each f64x2 local to (0, 0). */
export function zeroV128(f: WasmFunction, ...targets: Local[]): void {
  for (const t of targets) f.f64(0).f64x2Splat().set(t);
}

/** acc += a · b, where a() and b() push the two f64x2 operands. */
export function madd(f: WasmFunction, acc: Local, a: () => void, b: () => void): void {
  f.get(acc);
  a();
  b();
  f.f64x2Mul().f64x2Add().set(acc);
}

/** Pushes lane 0 + lane 1 of a v128 local. */
export function horizontalSum(f: WasmFunction, v: Local): void {
  f.get(v).f64x2ExtractLane(0).get(v).f64x2ExtractLane(1).f64Add();
}

/**
 * One step of a 2 x 4 tile of dot products: for the four rows v, loadRow(v)
 * pushes two lanes of row v into `row`, then acc[v] += a · row and
 * acc[4 + v] += b · row. Six loads per eight multiply-adds, the shape V8
 * keeps in registers.
 */
function maddTile2x4(f: WasmFunction, acc: readonly Local[], a: Local, b: Local, row: Local, loadRow: (v: number) => void): void {
  for (let v = 0; v < 4; v++) {
    loadRow(v);
    f.set(row);
    madd(
      f,
      acc[v],
      () => f.get(a),
      () => f.get(row),
    );
    madd(
      f,
      acc[4 + v],
      () => f.get(b),
      () => f.get(row),
    );
  }
}

/** The locals one 2 x 4 tile of dot products needs (see dotTile2x4). */
export interface TileLocals {
  readonly k: Local;
  readonly xAt: Local;
  readonly yAt: Local;
  readonly acc: readonly Local[];
  readonly a: Local;
  readonly b: Local;
  readonly row: Local;
}

/** Allocates the locals of dotTile2x4 in `f`. */
export function tileLocals(f: WasmFunction): TileLocals {
  const { i32, v128 } = ValueType;
  return {
    k: f.local(i32),
    xAt: f.local(i32),
    yAt: f.local(i32),
    acc: Array.from({ length: 8 }, () => f.local(v128)),
    a: f.local(v128),
    b: f.local(v128),
    row: f.local(v128),
  };
}

/**
 * The 2 x 4 tile at the heart of both dense products (ALS gemm4 and the SPD
 * inverse's gemm_nt): acc[v] = Σ_k X0[k] Y_v[k] and acc[4 + v] = Σ_k X1[k] Y_v[k]
 * for the four rows Y_v at `y` and the two rows X0, X1 at `x`, all rows
 * `strideBytes` apart, k running over kLimit() bytes, two lanes at a time.
 */
export function dotTile2x4(f: WasmFunction, t: TileLocals, x: Local, y: Local, kLimit: () => void, strideBytes: number): void {
  zeroV128(f, ...t.acc);
  forRange(
    f,
    t.k,
    () => f.i32(0),
    kLimit,
    16,
    () => {
      f.get(x).get(t.k).i32Add().tee(t.xAt).v128Load(0).set(t.a);
      f.get(t.xAt).v128Load(strideBytes).set(t.b);
      f.get(y).get(t.k).i32Add().set(t.yAt);
      maddTile2x4(f, t.acc, t.a, t.b, t.row, (v) => f.get(t.yAt).v128Load(v * strideBytes));
    },
  );
}
