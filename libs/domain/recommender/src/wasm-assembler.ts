// A minimal WebAssembly binary writer: enough of the MVP and SIMD128 opcode
// tables for the ALS kernels, so the library ships readable kernel source and
// no prebuilt binary. Encodings follow the WebAssembly Core Specification 2.0
// (§5, Binary Format).

export const ValueType = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValueType = (typeof ValueType)[keyof typeof ValueType];

function uleb(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function name(text: string): number[] {
  const bytes = Array.from(text, (c) => c.charCodeAt(0));
  return [...uleb(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

/** A local variable or parameter, by index. */
export type Local = number;

/**
 * Builds one function body. Each method appends one instruction (operands
 * are pushed by the preceding calls, as in the text format's flat syntax).
 */
export class WasmFunction {
  private readonly locals: ValueType[] = [];
  private readonly code: number[] = [];
  readonly params: readonly ValueType[];

  constructor(
    readonly exportName: string,
    params: readonly ValueType[],
    readonly results: readonly ValueType[] = [],
  ) {
    this.params = params;
  }

  local(type: ValueType): Local {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(0xfd, ...uleb(opcode), ...immediates);
  }

  get(local: Local): this {
    return this.op(0x20, ...uleb(local));
  }
  set(local: Local): this {
    return this.op(0x21, ...uleb(local));
  }
  tee(local: Local): this {
    return this.op(0x22, ...uleb(local));
  }
  i32(value: number): this {
    return this.op(0x41, ...sleb(value));
  }
  f64(value: number): this {
    const bytes = new Uint8Array(new Float64Array([value]).buffer);
    return this.op(0x44, ...bytes);
  }

  // Control. Every block here has no result type (0x40).
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  else(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...uleb(depth));
  }
  return(): this {
    return this.op(0x0f);
  }
  select(): this {
    return this.op(0x1b);
  }

  // Memory: natural alignment hints; the offset immediate is in bytes.
  i32Load(offset = 0): this {
    return this.op(0x28, 2, ...uleb(offset));
  }
  f32Load(offset = 0): this {
    return this.op(0x2a, 2, ...uleb(offset));
  }
  f64Load(offset = 0): this {
    return this.op(0x2b, 3, ...uleb(offset));
  }
  i32Store(offset = 0): this {
    return this.op(0x36, 2, ...uleb(offset));
  }
  f32Store(offset = 0): this {
    return this.op(0x38, 2, ...uleb(offset));
  }
  f64Store(offset = 0): this {
    return this.op(0x39, 3, ...uleb(offset));
  }
  v128Load(offset = 0): this {
    return this.simd(0x00, 4, ...uleb(offset));
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b, 4, ...uleb(offset));
  }

  // i32 arithmetic and comparisons.
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GtU(): this {
    return this.op(0x4b);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Shl(): this {
    return this.op(0x74);
  }

  // f32 and f64 scalar.
  f32Add(): this {
    return this.op(0x92);
  }
  f32DemoteF64(): this {
    return this.op(0xb6);
  }
  f64PromoteF32(): this {
    return this.op(0xbb);
  }
  f64Lt(): this {
    return this.op(0x63);
  }
  f64Gt(): this {
    return this.op(0x64);
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Sub(): this {
    return this.op(0xa1);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }
  f64Div(): this {
    return this.op(0xa3);
  }

  // f32x4 lanes.
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  f32x4ExtractLane(lane: 0 | 1 | 2 | 3): this {
    return this.simd(0x1f, lane);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  /** Lanes 0-1 of an f32x4 widened to an f64x2. */
  f64x2PromoteLowF32x4(): this {
    return this.simd(0x5f);
  }
  /** Picks 16 bytes from the two operands (0-15 first, 16-31 second). */
  i8x16Shuffle(lanes: readonly number[]): this {
    return this.simd(0x0d, ...lanes);
  }

  // f64x2 lanes.
  f64x2Splat(): this {
    return this.simd(0x14);
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    return this.simd(0x21, lane);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Sub(): this {
    return this.simd(0xf1);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }

  encode(): number[] {
    const groups: number[][] = [];
    let t = 0;
    while (t < this.locals.length) {
      let n = 1;
      while (t + n < this.locals.length && this.locals[t + n] === this.locals[t]) n++;
      groups.push([...uleb(n), this.locals[t]]);
      t += n;
    }
    const body = [...vector(groups), ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

/**
 * A module of exported functions over one imported shared memory
 * (env.memory, at most 65536 pages), so every worker's instance works on
 * the same bytes.
 *
 * Example: new WebAssembly.Module(wasmModuleBytes([])) compiles (an empty module).
 */
export function wasmModuleBytes(functions: readonly WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((p) => [p])), ...vector(f.results.map((r) => [r]))]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(1), ...uleb(65536)];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]))),
    ...section(10, vector(functions.map((f) => f.encode()))),
  ];
  return new Uint8Array(bytes);
}
