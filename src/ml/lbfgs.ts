/**
 * Limited-memory BFGS for smooth unconstrained minimization (Nocedal & Wright 2006, "Numerical
 * Optimization", algorithm 7.4 two-loop recursion, with a backtracking Armijo line search).
 * Memory O(m·d); each iteration costs one or a few objective/gradient evaluations.
 */

/** Writes ∇f(x) into `grad` and returns f(x). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Iteration cap (default 200). */
  maxIter?: number;
  /** Stop when max |∂f/∂x_j| ≤ tol (default 1e-6). */
  tol?: number;
  /** Correction pairs kept (default 10). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** True when the gradient test passed, false when the iteration cap or a failed line search stopped it. */
  converged: boolean;
}

/**
 * Minimizes `f` from `x0` (not modified).
 *
 * @example
 * // f(x) = (x0 − 3)² + 10 (x1 + 1)²
 * minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); g[1] = 20 * (x[1] + 1); return (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2; },
 *   Float64Array.of(0, 0)).x; // => ≈ [3, -1]
 */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 1e-6;
  const m = options.memory ?? 10;
  const d = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(d);
  const xNew = new Float64Array(d);
  const gNew = new Float64Array(d);
  const dir = new Float64Array(d);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let fx = f(x, g);
  for (let iter = 0; iter < maxIter; iter++) {
    if (maxAbs(g) <= tol) return { x, value: fx, iterations: iter, converged: true };
    // Two-loop recursion: dir = −H·g.
    dir.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, dir);
      axpy(-alpha[k]!, Y[k]!, dir);
    }
    const gamma = S.length
      ? dot(S[S.length - 1]!, Y[Y.length - 1]!) / dot(Y[Y.length - 1]!, Y[Y.length - 1]!)
      : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < d; j++) dir[j] = dir[j]! * gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, dir);
      axpy(alpha[k]! - beta, S[k]!, dir);
    }
    for (let j = 0; j < d; j++) dir[j] = -dir[j]!;
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let j = 0; j < d; j++) dir[j] = -g[j]!;
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let j = 0; j < d; j++) xNew[j] = x[j]! + step * dir[j]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { x, value: fx, iterations: iter, converged: maxAbs(g) <= tol };
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      s[j] = xNew[j]! - x[j]!;
      y[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(y, y) * dot(s, s))) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
  }
  return { x, value: fx, iterations: maxIter, converged: maxAbs(g) <= tol };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i]!;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
