// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients are quoted verbatim; the nearest double is what the algorithms intend.
/**
 * Standard normal CDF and quantile, accurate to double precision's useful range.
 *
 * Why not simple-statistics: its `cumulativeStdNormalProbability` reads a table at 0.01 steps and
 * `probit` inherits that coarseness; a copula needs smooth, invertible transforms.
 */

/**
 * Complementary error function, W. J. Cody's rational Chebyshev approximations
 * ("Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969), |rel err| < 1e-15.
 */
export function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    const t = x * x;
    const num =
      (((0.185777706184603153 * t + 3.1611237438705656) * t + 113.864154151050156) * t +
        377.485237685302021) *
        t +
      3209.37758913846947;
    const den =
      (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t +
      2844.23683343917062;
    return 1 - (x * num) / den;
  }
  if (ax < 4) {
    const num =
      (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax +
        66.1191906371416295) *
        ax +
        298.635138197400131) *
        ax +
        881.95222124176909) *
        ax +
        1712.04761263407058) *
        ax +
        2051.07837782607147) *
        ax +
      1230.33935479799725;
    const den =
      (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax +
        1621.38957456669019) *
        ax +
        3290.79923573345963) *
        ax +
        4362.61909014324716) *
        ax +
        3439.36767414372164) *
        ax +
      1230.33935480374942;
    r = Math.exp(-ax * ax) * (num / den);
  } else {
    const z = 1 / (ax * ax);
    const num =
      ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z +
        0.125781726111229246) *
        z +
        0.0160837851487422766) *
        z +
      6.58749161529837803e-4;
    const den =
      ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z +
        0.0605183413124413191) *
        z +
      0.00233520497626869185;
    r = (Math.exp(-ax * ax) / ax) * (0.564189583547756287 - (z * num) / den);
  }
  return x < 0 ? 2 - r : r;
}

/**
 * Φ(x), the standard normal CDF.
 * @example normalCdf(0) // => 0.5
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Φ⁻¹(p), the standard normal quantile: P. J. Acklam's rational approximation (rel. err 1.15e-9)
 * refined by one Halley step on `normalCdf`, giving full double precision.
 * @example normalQuantile(0.975) // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const plow = 0.02425;
  let x: number;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
        1.38357751867269e2) *
        r -
        3.066479806614716e1) *
        r +
        2.506628277459239) *
        q) /
      (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
        6.680131188771972e1) *
        r -
        1.328068155288572e1) *
        r +
        1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(
        ((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
          2.549732539343734) *
          q +
          4.374664141464968) *
          q +
        2.938163982698783
      ) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1);
  }
  // Halley refinement.
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
