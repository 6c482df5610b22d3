/**
 * Adam on a flat parameter vector, as PyTorch's `torch.optim.Adam` with `weight_decay` (L2 added
 * to the gradient, not decoupled AdamW): g ← g + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε). Runs in JavaScript on the gradient read back
 * from TensorFlow.js: one pass over ~10⁵ numbers per step, cheaper than a dozen small tensor ops
 * per parameter and bit-identical on every backend.
 *
 * @example
 * const opt = new Adam(theta.length, { lr: 1e-3, weightDecay: 1e-5 });
 * opt.step(theta, grad);
 */
export interface AdamOptions {
  lr: number;
  weightDecay: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private lr: number;
  private readonly wd: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;

  constructor(size: number, o: AdamOptions) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.lr = o.lr;
    this.wd = o.weightDecay;
    this.b1 = o.beta1 ?? 0.9;
    this.b2 = o.beta2 ?? 0.999;
    this.eps = o.eps ?? 1e-8;
  }

  get learningRate(): number {
    return this.lr;
  }

  set learningRate(lr: number) {
    this.lr = lr;
  }

  /** A copy of the moment estimates and step count (to roll back a diverged epoch). */
  snapshot(): { m: Float64Array; v: Float64Array; t: number } {
    return { m: Float64Array.from(this.m), v: Float64Array.from(this.v), t: this.t };
  }

  restore(s: { m: Float64Array; v: Float64Array; t: number }): void {
    this.m.set(s.m);
    this.v.set(s.v);
    this.t = s.t;
  }

  /** One update of `theta` in place with gradient `grad`. */
  step(theta: Float32Array, grad: ArrayLike<number>): void {
    this.t++;
    const { m, v, b1, b2, wd, eps } = this;
    const c1 = 1 - b1 ** this.t;
    const c2 = Math.sqrt(1 - b2 ** this.t);
    const stepSize = this.lr / c1;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i]! + wd * theta[i]!;
      const mi = b1 * m[i]! + (1 - b1) * g;
      const vi = b2 * v[i]! + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      theta[i] = theta[i]! - (stepSize * mi) / (Math.sqrt(vi) / c2 + eps);
    }
  }
}
