/**
 * Automatic forecasting for any series: ETS chosen by AICc for regular series, TSB for
 * intermittent ones (many zero periods), and a random walk for series too short for either.
 * Pure: the nightly job, the CLI and the benchmark all call forecast().
 */
import { type EtsSpec, autoEts, fitEts, forecastEts, specName } from './ets';
import { INTERMITTENT_ZEROS, tsb, zeroShare } from './intermittent';

export interface Forecast {
  /** The method and model used, e.g. "ETS(M,Ad,M)", "TSB", "naive". */
  method: string;
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

function withIntervals(method: string, mean: number[], variance: number[], nonNegative: boolean): Forecast {
  const bound = (i: number, z: number) => {
    const v = mean[i]! + z * Math.sqrt(Math.max(0, variance[i]!));
    return nonNegative ? Math.max(0, v) : v;
  };
  return {
    method,
    mean: mean.map((v) => (nonNegative ? Math.max(0, v) : v)),
    lower80: mean.map((_, i) => bound(i, -Z80)),
    upper80: mean.map((_, i) => bound(i, Z80)),
    lower95: mean.map((_, i) => bound(i, -Z95)),
    upper95: mean.map((_, i) => bound(i, Z95)),
  };
}

/** The model of a method name as specName writes it, e.g. ETS(M,Ad,N). */
function parseSpec(method: string): EtsSpec | undefined {
  const [error, trend, season] = method.slice(4, -1).split(',');
  const ok = (error === 'A' || error === 'M') && (trend === 'N' || trend === 'A' || trend === 'Ad') && (season === 'N' || season === 'A' || season === 'M');
  return ok ? ({ error, trend, season } as EtsSpec) : undefined;
}

/**
 * Forecasts `h` periods after `values`, a series with `frequency` periods a season (12 monthly,
 * 4 quarterly, 1 none). Sales cannot go negative, so a series never below zero gets no negative
 * forecast or bound. `method` pins the model (a backtest refits the one chosen on the whole
 * series at each origin instead of choosing again: a fifteenth of the work for ETS).
 */
export function forecast(values: ArrayLike<number>, frequency: number, h: number, options: { method?: string } = {}): Forecast {
  const n = values.length;
  let nonNegative = true;
  for (let t = 0; t < n; t++) if (values[t]! < 0) nonNegative = false;
  if (n === 0) return withIntervals('none', new Array<number>(h).fill(0), new Array<number>(h).fill(0), nonNegative);
  const pinned = options.method;
  if (pinned === 'TSB' || (pinned === undefined && nonNegative && n >= 4 && zeroShare(values) >= INTERMITTENT_ZEROS)) {
    const f = tsb(values);
    return withIntervals('TSB', new Array<number>(h).fill(f.rate), new Array<number>(h).fill(f.sigma2), true);
  }
  const spec = pinned?.startsWith('ETS(') ? parseSpec(pinned) : undefined;
  const m = Math.max(1, Math.round(frequency));
  const fit = spec ? (fitEts(values, m, spec) ?? autoEts(values, m)) : autoEts(values, m);
  if (fit) {
    const f = forecastEts(fit, h);
    return withIntervals(specName(fit.spec), f.mean, f.variance, nonNegative);
  }
  // Too short for any model: the last value, with a random walk's widening intervals.
  let sigma2 = 0;
  for (let t = 1; t < n; t++) sigma2 += (values[t]! - values[t - 1]!) ** 2 / Math.max(1, n - 1);
  if (n === 1) sigma2 = (values[0]! * 0.25) ** 2;
  const mean = new Array<number>(h).fill(values[n - 1]!);
  return withIntervals(
    'naive',
    mean,
    mean.map((_, i) => sigma2 * (i + 1)),
    nonNegative,
  );
}

export { mase, rollingOrigin, seasonalNaive } from './accuracy';
