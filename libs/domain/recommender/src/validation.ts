// Input checks shared by the public functions. Each error names the function
// and says what was required ("factorizeImplicit requires factors >= 1"), so a
// caller can fix the input without reading the source.

export function requireIntegerAtLeast(fn: string, name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${fn} requires ${name} >= ${min} (an integer), got ${String(value)}`);
  }
}

export function requireNonNegativeFinite(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn} requires ${name} >= 0 (a finite number), got ${String(value)}`);
  }
}

export function requireIndex(fn: string, name: string, value: number, size: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= size) {
    throw new RangeError(`${fn} requires ${name} to be an integer in [0, ${size - 1}], got ${String(value)}`);
  }
}

export function requireInteger(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${fn} requires ${name} to be a safe integer, got ${String(value)}`);
  }
}
