import { describe, expect, it } from 'vitest';
import { ValueType, WasmFunction, wasmModuleBytes } from './wasm-assembler';

describe('wasmModuleBytes', () => {
  it('writes a module that compiles (the doc example)', () => {
    expect(WebAssembly.Module.exports(new WebAssembly.Module(wasmModuleBytes([])))).toEqual([]);
  });

  it('encodes scalar, SIMD, memory and control instructions that run as written', () => {
    // sum(p, n): Σ of n doubles at byte offset p, two lanes at a time (n even).
    const f = new WasmFunction('sum', [ValueType.i32, ValueType.i32], [ValueType.f64]);
    const acc = f.local(ValueType.v128);
    const j = f.local(ValueType.i32);
    f.f64(0).f64x2Splat().set(acc);
    f.i32(0).set(j);
    f.block().loop();
    f.get(j).get(1).i32(3).i32Shl().i32LtU().i32Eqz().brIf(1);
    f.get(acc).get(0).get(j).i32Add().v128Load().f64x2Add().set(acc);
    f.get(j).i32(16).i32Add().set(j);
    f.br(0).end().end();
    f.get(acc).f64x2ExtractLane(0).get(acc).f64x2ExtractLane(1).f64Add();
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmModuleBytes([f])), { env: { memory } });
    new Float64Array(memory.buffer).set([1.5, 2, -3, 4.25, 100], 4);
    const sum = instance.exports['sum'] as (p: number, n: number) => number;
    expect(sum(32, 4)).toBe(4.75);
    expect(sum(32, 0)).toBe(0);
  });
});
