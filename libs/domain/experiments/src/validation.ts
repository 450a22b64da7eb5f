// Input checks shared by every public function. Each error names the function
// and says what was required, so a caller can fix the input without reading
// the source ("welchTTest requires at least 2 values in each sample").

export function requireFiniteNumber(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${fn} requires ${name} to be a finite number, got ${String(value)}`);
  }
}

export function requireNonNegativeInteger(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${fn} requires ${name} to be a non-negative integer, got ${String(value)}`);
  }
}

export function requirePositiveInteger(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${fn} requires ${name} to be a positive integer, got ${String(value)}`);
  }
}

export function requireOpenUnitInterval(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new RangeError(`${fn} requires ${name} strictly between 0 and 1, got ${String(value)}`);
  }
}

export function requirePositiveNumber(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn} requires ${name} to be a positive finite number, got ${String(value)}`);
  }
}

/** Checks `successes` out of `n`: integers with 0 <= successes <= n and n >= 1. */
export function requireProportionCounts(fn: string, label: string, counts: { readonly successes: number; readonly n: number }): void {
  requirePositiveInteger(fn, `${label}.n`, counts.n);
  requireNonNegativeInteger(fn, `${label}.successes`, counts.successes);
  if (counts.successes > counts.n) {
    throw new RangeError(`${fn} requires ${label}.successes <= ${label}.n, got ${counts.successes} > ${counts.n}`);
  }
}
