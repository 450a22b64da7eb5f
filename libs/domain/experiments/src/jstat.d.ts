// jstat 1.9.6 ships no types and there is no @types/jstat. This declares only
// the functions this library calls, so a typo or a new use is a compile error
// rather than an `any`. `distributions.ts` is the one module that imports it.
declare module 'jstat' {
  interface JStatContinuous1 {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }

  interface JStatStatic {
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    studentt: JStatContinuous1;
    chisquare: JStatContinuous1;
    beta: {
      cdf(x: number, alpha: number, beta: number): number;
      inv(p: number, alpha: number, beta: number): number;
    };
    /** Regularised incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
  }

  // The package is UMD: `module.exports = jStat`, with `jStat.jStat === jStat`.
  const jStat: JStatStatic;
  export = jStat;
}
