/**
 * Teunter–Syntetos–Babai (2011) forecasting for intermittent demand: a Croston-class method that
 * smooths the probability of an order and its size separately, and, unlike Croston, lets the
 * probability decay while nothing is ordered, so a SKU that stops selling forecasts towards zero.
 * Smoothing constants are chosen from a small grid by in-sample squared error.
 */
const GRID = [0.05, 0.1, 0.2, 0.3];

function run(y: ArrayLike<number>, alpha: number, beta: number) {
  let demands = 0;
  let sizeSum = 0;
  for (let t = 0; t < y.length; t++)
    if (y[t]! > 0) {
      demands++;
      sizeSum += y[t]!;
    }
  let p = demands / y.length;
  let z = demands ? sizeSum / demands : 0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = y[t]! - p * z;
    sse += e * e;
    if (y[t]! > 0) {
      p += beta * (1 - p);
      z += alpha * (y[t]! - z);
    } else p -= beta * p;
  }
  return { rate: p * z, sse };
}

/** One-step-ahead demand rate (flat over the horizon) and the in-sample one-step variance. */
export function tsb(y: ArrayLike<number>): { rate: number; sigma2: number; alpha: number; beta: number } {
  let best = { rate: 0, sse: Infinity, alpha: 0.1, beta: 0.1 };
  for (const alpha of GRID)
    for (const beta of GRID) {
      const r = run(y, alpha, beta);
      if (r.sse < best.sse) best = { ...r, alpha, beta };
    }
  return { rate: best.rate, sigma2: best.sse / Math.max(1, y.length - 2), alpha: best.alpha, beta: best.beta };
}

/** Share of periods with no demand; above INTERMITTENT_ZEROS the series counts as intermittent. */
export function zeroShare(y: ArrayLike<number>): number {
  let zeros = 0;
  for (let t = 0; t < y.length; t++) if (y[t] === 0) zeros++;
  return y.length ? zeros / y.length : 0;
}
export const INTERMITTENT_ZEROS = 0.3;
