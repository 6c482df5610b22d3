/**
 * Small dense linear algebra for correlation matrices (d ≲ 200): symmetric eigen-decomposition
 * (cyclic Jacobi), nearest-correlation repair, Cholesky. Matrices are row-major Float64Array of d×d.
 */

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigen(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += m[p * d + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * d + q]! - m[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p]!;
          const mkq = m[k * d + q]!;
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k]!;
          const mqk = m[q * d + k]!;
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!;
          const vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = m[i * d + i]!;
  return { values, vectors: v };
}

/**
 * Make a symmetric matrix a valid correlation matrix: clip eigenvalues at `minEigen`, rebuild,
 * rescale to unit diagonal. Pairwise-complete correlations need this (they need not be PSD).
 */
export function repairCorrelation(a: Float64Array, d: number, minEigen = 1e-6): Float64Array {
  const { values, vectors } = symmetricEigen(a, d);
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++)
        s += vectors[i * d + k]! * Math.max(values[k]!, minEigen) * vectors[j * d + k]!;
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  const scale = new Float64Array(d);
  for (let i = 0; i < d; i++) scale[i] = 1 / Math.sqrt(out[i * d + i]!);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) out[i * d + j] = out[i * d + j]! * scale[i]! * scale[j]!;
  return out;
}

/** Lower-triangular Cholesky factor L with A = L Lᵀ; throws if A is not positive definite. */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (s <= 0) throw new Error(`matrix not positive definite at ${i}`);
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j]!;
    }
  }
  return l;
}
