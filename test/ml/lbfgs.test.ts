import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../src/ml/lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * (x[0]! - 3);
        g[1] = 2000 * (x[1]! + 1);
        return (x[0]! - 3) ** 2 + 1000 * (x[1]! + 1) ** 2;
      },
      Float64Array.of(0, 0),
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(3, 6);
    expect(r.x[1]).toBeCloseTo(-1, 6);
  });

  it('solves the Rosenbrock valley', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { tol: 1e-8 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it('reports no convergence when the iteration cap stops it', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        g[0] = 4 * x[0]! ** 3;
        return x[0]! ** 4;
      },
      Float64Array.of(5),
      { maxIter: 2, tol: 1e-12 },
    );
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
  });
});
