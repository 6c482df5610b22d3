/**
 * Splitting a privacy budget. Under sequential composition the ε of the steps add up, so a split
 * is a list of non-negative shares summing to the total; the last share takes the floating-point
 * remainder so that the ledger adds up to the declared ε.
 */

/**
 * Split `total` by `weights` among the steps that are present (weight > 0), in order.
 *
 * @example
 * splitBudget(1, { structure: 0.3, conditionals: 0.7 }); // => { structure: 0.3, conditionals: 0.7 }
 * splitBudget(2, { categories: 0, structure: 1, conditionals: 3 }); // => { categories: 0, structure: 0.5, conditionals: 1.5 }
 */
export function splitBudget<K extends string>(total: number, weights: Record<K, number>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const used = keys.filter((k) => weights[k] > 0);
  const sum = used.reduce((s, k) => s + weights[k], 0);
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  let given = 0;
  used.forEach((k, i) => {
    const share = i === used.length - 1 ? total - given : (total * weights[k]) / sum;
    out[k] = share;
    given += share;
  });
  return out;
}

/**
 * `total` in `parts` equal shares (the last takes the rounding remainder).
 *
 * @example
 * evenSplit(1, 4); // => [0.25, 0.25, 0.25, 0.25]
 */
export function evenSplit(total: number, parts: number): number[] {
  const out: number[] = [];
  let given = 0;
  for (let i = 0; i < parts; i++) {
    const share = i === parts - 1 ? total - given : total / parts;
    out.push(share);
    given += share;
  }
  return out;
}
