/**
 * Exponential smoothing state-space models (ETS), after Hyndman, Koehler, Ord & Snyder,
 * "Forecasting with Exponential Smoothing" (2008) and R's forecast::ets: additive or
 * multiplicative errors, none / additive / damped trend, none / additive / multiplicative
 * seasonality, fitted by maximum likelihood and chosen by AICc.
 *
 * Written here because no kept JS library does it: @bsull/augurs' AutoETS fits non-seasonal
 * models only (MASE 2.0 on AirPassengers) and the `arima` package's auto.arima took 60–800 ms a
 * series and scored worse than R's ets (measured in the issue 16 notes of the report).
 *
 * Differences from R, all for speed: seasonal initial states come from a classical
 * decomposition and are not optimised (level and growth are), and multiplicative-error
 * intervals use the first-order variance approximation rather than simulation.
 */
import { nelderMead } from './optimize';

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';
export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

export interface EtsFit {
  spec: EtsSpec;
  /** Season length used (1 when the model is not seasonal). */
  m: number;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** States after the last observation; season[t % m] is the seasonal state for time t. */
  level: number;
  growth: number;
  season: Float64Array;
  n: number;
  /** Innovation variance: absolute for additive errors, relative for multiplicative ones. */
  sigma2: number;
  aicc: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

export const specName = (s: EtsSpec) => `ETS(${s.error},${s.trend},${s.season})`;

/** Every model R's ets() tries by default (restrict = TRUE, no multiplicative trend). */
export function candidateSpecs(seasonal: boolean, positive: boolean): EtsSpec[] {
  const specs: EtsSpec[] = [];
  for (const error of positive ? (['A', 'M'] as const) : (['A'] as const))
    for (const trend of ['N', 'A', 'Ad'] as const)
      for (const season of seasonal ? (positive ? (['N', 'A', 'M'] as const) : (['N', 'A'] as const)) : (['N'] as const)) {
        // Additive errors with multiplicative seasonality have infinite forecast variance.
        if (error === 'A' && season === 'M') continue;
        specs.push({ error, trend, season });
      }
  return specs;
}

/** Classical-decomposition start values, as R's initstate does. */
function initialStates(y: ArrayLike<number>, m: number, spec: EtsSpec) {
  const n = y.length;
  const season = new Float64Array(Math.max(m, 1)).fill(spec.season === 'M' ? 1 : 0);
  const adjusted = Array.from(y);
  if (spec.season !== 'N') {
    const k = Math.min(n, 3 * m);
    const half = Math.floor(m / 2);
    const sums = new Float64Array(m);
    const counts = new Float64Array(m);
    for (let t = half; t < k - half; t++) {
      // Centred moving average over one season (2×m when m is even).
      let trend = 0;
      if (m % 2 === 0) {
        for (let j = -half; j <= half; j++) trend += (Math.abs(j) === half ? 0.5 : 1) * y[t + j]!;
      } else for (let j = -half; j <= half; j++) trend += y[t + j]!;
      trend /= m;
      const i = t % m;
      sums[i] = sums[i]! + (spec.season === 'M' ? y[t]! / trend : y[t]! - trend);
      counts[i] = counts[i]! + 1;
    }
    let mean = 0;
    for (let i = 0; i < m; i++) mean += (season[i] = counts[i] ? sums[i]! / counts[i]! : spec.season === 'M' ? 1 : 0) / m;
    for (let i = 0; i < m; i++) season[i] = spec.season === 'M' ? season[i]! / mean : season[i]! - mean;
    for (let t = 0; t < n; t++) adjusted[t] = spec.season === 'M' ? y[t]! / season[t % m]! : y[t]! - season[t % m]!;
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  let level: number;
  let growth = 0;
  if (spec.trend === 'N') {
    level = adjusted.slice(0, maxn).reduce((a, b) => a + b, 0) / maxn;
  } else {
    // Least-squares line through the first seasonally adjusted points; level at time 0.
    const xm = (maxn + 1) / 2;
    const ym = adjusted.slice(0, maxn).reduce((a, b) => a + b, 0) / maxn;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < maxn; i++) {
      sxy += (i + 1 - xm) * (adjusted[i]! - ym);
      sxx += (i + 1 - xm) ** 2;
    }
    growth = sxx ? sxy / sxx : 0;
    level = ym - growth * xm;
  }
  return { level, growth, season };
}

interface Params {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  level: number;
  growth: number;
}

/** Final states of the last `filter` run (kept outside its result so the hot loop allocates nothing). */
const last = { sse: 0, level: 0, growth: 0 };

/**
 * Runs the model through the data (R's etscalc) and returns −2·log-likelihood up to a constant;
 * leaves the final seasonal states in `season` and the rest in `last`.
 */
function filter(y: ArrayLike<number>, m: number, spec: EtsSpec, p: Params, season: Float64Array): number {
  const n = y.length;
  const trendKind = spec.trend === 'N' ? 0 : 1;
  const seasonKind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const multiplicativeError = spec.error === 'M';
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const { alpha, gamma } = p;
  const betaRatio = p.beta / p.alpha;
  let l = p.level;
  let b = p.growth;
  let sse = 0;
  let logSum = 0;
  let product = 1;
  let si = 0;
  for (let t = 0; t < n; t++) {
    const yt = y[t];
    const phib = trendKind ? phi * b : 0;
    const q = l + phib;
    const s = season[si];
    const forecast = seasonKind === 0 ? q : seasonKind === 1 ? q + s! : q * s!;
    if (multiplicativeError) {
      if (!(forecast > 1e-10)) return Infinity;
      const e = (yt! - forecast) / forecast;
      sse += e * e;
      // Σ log f as the log of running products, taken every 8 steps: a product of 8 forecasts
      // in [1e-10, 1e30] stays inside a double, and one log replaces eight.
      product *= forecast;
      if ((t & 7) === 7) {
        logSum += Math.log(product);
        product = 1;
      }
    } else {
      const e = yt! - forecast;
      sse += e * e;
    }
    const deseasoned = seasonKind === 0 ? yt : seasonKind === 1 ? yt! - s! : Math.abs(s!) < 1e-10 ? 1e10 : yt! / s!;
    const newLevel = q + alpha * (deseasoned! - q);
    if (trendKind) b = phib + betaRatio * (newLevel - l - phib);
    if (seasonKind) {
      const detrended = seasonKind === 1 ? yt! - q : Math.abs(q) < 1e-10 ? 1e10 : yt! / q;
      season[si] = s! + gamma * (detrended - s!);
      if (++si === m) si = 0;
    }
    l = newLevel;
  }
  if (product !== 1) logSum += Math.log(product);
  last.sse = sse;
  last.level = l;
  last.growth = b;
  if (!Number.isFinite(sse)) return Infinity;
  return n * Math.log(Math.max(sse, 1e-300)) + 2 * logSum;
}

/** Fits one model by maximum likelihood; undefined when the data are too short for it. */
export function fitEts(y: ArrayLike<number>, m: number, spec: EtsSpec): EtsFit | undefined {
  const n = y.length;
  const seasonal = spec.season !== 'N';
  const period = seasonal ? m : 1;
  const trend = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  // Free parameters as R counts them: α and the level, β and the growth, φ, γ and m − 1 seasonal states.
  const np = 2 + (trend ? 2 : 0) + (damped ? 1 : 0) + (seasonal ? m : 0);
  if (n - np - 2 <= 0 || (seasonal && n < 2 * m)) return undefined;
  const init = initialStates(y, period, spec);
  let scale = 0;
  for (let t = 0; t < n; t++) scale += Math.abs(y[t]!) / n;
  scale = scale * 0.1 || 1;
  const work = new Float64Array(init.season.length);
  const start0 = init.season;
  // One parameter object rewritten by each evaluation: the optimiser makes thousands a series.
  const params: Params = { alpha: 0, beta: 0, gamma: 0, phi: 1, level: 0, growth: 0 };
  const decode = (x: Float64Array): Params => {
    const alpha = 1e-4 + 0.9998 * sigmoid(x[0]!);
    let i = 1;
    params.alpha = alpha;
    params.beta = trend ? Math.max(1e-4, alpha * sigmoid(x[i++]!)) : 0;
    params.gamma = seasonal ? Math.max(1e-4, (1 - alpha) * sigmoid(x[i++]!)) : 0;
    params.phi = damped ? 0.8 + 0.18 * sigmoid(x[i++]!) : 1;
    params.level = init.level + scale * x[i++]!;
    params.growth = trend ? init.growth + 0.1 * scale * x[i++]! : 0;
    return params;
  };
  const objective = (x: Float64Array) => {
    for (let j = 0; j < work.length; j++) work[j] = start0[j]!;
    return filter(y, period, spec, decode(x), work);
  };
  // R's starting values: alpha 0.1, beta 0.01, gamma 0.01, phi 0.978 (inside their bounds).
  const start = [logit(0.1)];
  if (trend) start.push(logit(0.1));
  if (seasonal) start.push(logit(0.0111));
  if (damped) start.push(logit((0.978 - 0.8) / 0.18 - 1e-6));
  start.push(0);
  if (trend) start.push(0);
  const best = nelderMead(objective, start, { maxEvals: 30 * start.length + 40, step: 1, tol: 1e-4 });
  const p = { ...decode(best.x) };
  const season = Float64Array.from(init.season);
  const lik = filter(y, period, spec, p, season);
  if (!Number.isFinite(lik)) return undefined;
  const k = np + 1;
  const aic = lik + 2 * k;
  const aicc = aic + (2 * k * (k + 1)) / (n - k - 1);
  return {
    spec,
    m: period,
    alpha: p.alpha,
    beta: p.beta,
    gamma: p.gamma,
    phi: p.phi,
    level: last.level,
    growth: last.growth,
    season,
    n,
    sigma2: last.sse / Math.max(1, n - np),
    aicc: Number.isFinite(aicc) ? aicc : Infinity,
  };
}

/** Point forecasts and forecast variances h steps ahead. */
export function forecastEts(fit: EtsFit, h: number): { mean: number[]; variance: number[] } {
  const mean: number[] = [];
  const variance: number[] = [];
  const { spec, m, phi } = fit;
  let phiSum = 0;
  let cSquares = 0;
  for (let step = 1; step <= h; step++) {
    phiSum += spec.trend === 'Ad' ? phi ** step : 1;
    const base = fit.level + (spec.trend === 'N' ? 0 : phiSum * fit.growth);
    const s = spec.season === 'N' ? 0 : fit.season[(fit.n + step - 1) % m];
    const point = spec.season === 'N' ? base : spec.season === 'A' ? base + s! : base * s!;
    mean.push(point);
    // Linear innovations: var_h = σ²(1 + Σ_{j<h} c_j²), c_j = α + β·φ_j + γ·[j ≡ 0 mod m].
    const v = fit.sigma2 * (1 + cSquares);
    variance.push(spec.error === 'A' ? v : point * point * v);
    const phiJ = spec.trend === 'N' ? 0 : spec.trend === 'A' ? step : (phi * (1 - phi ** step)) / (1 - phi);
    const c = fit.alpha + fit.beta * phiJ + (spec.season !== 'N' && step % m === 0 ? fit.gamma : 0);
    cSquares += c * c;
  }
  return { mean, variance };
}

/** Fits every candidate and keeps the one with the lowest AICc. */
export function autoEts(values: ArrayLike<number>, m: number): EtsFit | undefined {
  // One array type through the likelihood loop, so its element reads stay monomorphic.
  const y = Float64Array.from(values as ArrayLike<number>);
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) positive = false;
  const seasonal = m > 1 && m <= 24 && y.length >= 2 * m + 2;
  let best: EtsFit | undefined;
  for (const spec of candidateSpecs(seasonal, positive)) {
    const fit = fitEts(y, m, spec);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}
