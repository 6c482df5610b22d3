import type { FeatureMatrix } from '../../../src/ml/features.js';

/** A numeric feature matrix from columns (no categoricals unless flagged). */
export function matrixOf(
  columns: Float64Array[],
  categorical?: boolean[],
  cardinality?: number[],
): FeatureMatrix {
  return {
    nRows: columns[0]!.length,
    nFeatures: columns.length,
    names: columns.map((_, f) => `x${f}`),
    columns,
    categorical: categorical ?? columns.map(() => false),
    cardinality: cardinality ?? columns.map(() => 0),
  };
}

/** n draws of `draw(i)` into a Float64Array. */
export function fill(n: number, draw: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(i);
  return out;
}
