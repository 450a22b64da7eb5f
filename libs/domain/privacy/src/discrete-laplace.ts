/**
 * The two-sided geometric mechanism (Ghosh, Roughgarden and Sundararajan,
 * "Universally utility-maximizing privacy mechanisms", 2009), also called
 * the discrete Laplace: a count with sensitivity 1 released as
 * count + Z, P(Z = z) = (1 - a) / (1 + a) * a^|z| with a = exp(-epsilon),
 * is epsilon-differentially private.
 *
 * Sampled exactly on integers with the algorithm of Canonne, Kamath and
 * Steinke ("The Discrete Gaussian for Differential Privacy", NeurIPS 2020,
 * Algorithms 1 and 2): only uniform integer draws and comparisons, no
 * floating-point logarithm, so no low-bit leak of the kind Mironov showed in
 * floating-point Laplace ("On significance of the least significant bits
 * for differential privacy", CCS 2012). Epsilon is read as a rational with a
 * denominator of 10^6. Google's differential-privacy library and OpenDP
 * sample the same way.
 *
 * Randomness comes in as an argument: production passes node:crypto's
 * randomInt, tests a seeded source.
 *
 * Example: twoSidedGeometricProbability(0, Math.log(2)) === 1 / 3
 */

/** A uniform integer in [0, maxExclusive). */
export type RandomInt = (maxExclusive: number) => number;

const DENOMINATOR = 1_000_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** epsilon as numerator / denominator, exact to 10^-6. */
export function epsilonAsRational(epsilon: number): { numerator: number; denominator: number } {
  if (!Number.isFinite(epsilon) || epsilon <= 0 || epsilon > 100)
    throw new Error(`The geometric mechanism requires 0 < epsilon <= 100; got ${epsilon}`);
  const numerator = Math.round(epsilon * DENOMINATOR);
  if (numerator < 1) throw new Error(`The geometric mechanism requires epsilon of at least 1e-6; got ${epsilon}`);
  const g = gcd(numerator, DENOMINATOR);
  return { numerator: numerator / g, denominator: DENOMINATOR / g };
}

/** Bernoulli(n / d), exactly. */
function bernoulli(n: number, d: number, random: RandomInt): boolean {
  return random(d) < n;
}

/** Bernoulli(exp(-n/d)) for 0 <= n/d <= 1 (CKS Algorithm 1, first part). */
function bernoulliExpSmall(n: number, d: number, random: RandomInt): boolean {
  let k = 1;
  while (bernoulli(n, d * k, random)) k++;
  return k % 2 === 1;
}

/** Bernoulli(exp(-n/d)) for any n/d >= 0 (CKS Algorithm 1). */
function bernoulliExp(n: number, d: number, random: RandomInt): boolean {
  let whole = Math.floor(n / d);
  while (whole-- > 0) if (!bernoulliExpSmall(1, 1, random)) return false;
  return bernoulliExpSmall(n % d, d, random);
}

/**
 * One draw of Z ~ discrete Laplace with scale 1/epsilon (CKS Algorithm 2
 * with s/t = epsilon as a rational: scale t/s = 1/epsilon).
 */
export function sampleTwoSidedGeometric(epsilon: number, random: RandomInt): number {
  // scale = 1/epsilon = s/t
  const { numerator: s, denominator: t } = epsilonAsRational(epsilon);
  for (;;) {
    const u = random(t);
    if (!bernoulliExp(u, t, random)) continue;
    let v = 0;
    while (bernoulliExp(1, 1, random)) v++;
    const x = u + t * v;
    const y = Math.floor(x / s);
    const negative = random(2) === 1;
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/** P(Z = z) in closed form. */
export function twoSidedGeometricProbability(z: number, epsilon: number): number {
  const a = Math.exp(-epsilon);
  return ((1 - a) / (1 + a)) * a ** Math.abs(z);
}

/**
 * The smallest bound b with P(|Z| <= b) >= confidence: a released noisy
 * count is within b of the true count that often. P(|Z| > b) = 2 a^(b+1) / (1 + a).
 * Example: geometricErrorBound(0.1, 0.95) === 30
 */
export function geometricErrorBound(epsilon: number, confidence = 0.95): number {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`geometricErrorBound requires 0 < confidence < 1; got ${confidence}`);
  epsilonAsRational(epsilon);
  const a = Math.exp(-epsilon);
  const b = Math.ceil(Math.log(((1 - confidence) * (1 + a)) / 2) / Math.log(a) - 1);
  return Math.max(0, b);
}

/** count + noise, never below zero (clamping is post-processing: it keeps the guarantee). */
export function noisyCount(count: number, epsilon: number, random: RandomInt): number {
  if (!Number.isInteger(count) || count < 0) throw new Error(`noisyCount requires a non-negative integer count; got ${count}`);
  return Math.max(0, count + sampleTwoSidedGeometric(epsilon, random));
}
