/**
 * Forecast accuracy: MASE (Hyndman & Koehler 2006) scaled by the in-sample seasonal-naive error,
 * as R's forecast::accuracy and the classic-series reference scores compute it, and rolling-origin
 * backtests over a series' own history.
 */
import type { Forecast } from './index';

/** Mean absolute scaled error of `predicted` against `actual`, scaled on `train` at lag `m`. */
export function mase(train: ArrayLike<number>, actual: ArrayLike<number>, predicted: ArrayLike<number>, m: number): number {
  const lag = train.length > m ? m : 1;
  let scale = 0;
  for (let t = lag; t < train.length; t++) scale += Math.abs(train[t]! - train[t - lag]!);
  scale /= Math.max(1, train.length - lag);
  let error = 0;
  for (let i = 0; i < actual.length; i++) error += Math.abs(actual[i]! - predicted[i]!);
  error /= Math.max(1, actual.length);
  return scale > 0 ? error / scale : error > 0 ? Infinity : 0;
}

/** Seasonal naive forecast: each period repeats the same period of the last season. */
export function seasonalNaive(train: ArrayLike<number>, m: number, h: number): number[] {
  const lag = train.length >= m ? m : 1;
  return Array.from({ length: h }, (_, i) => train[train.length - lag + (i % lag)]!);
}

/**
 * Rolling-origin evaluation: fits on the history up to each of `origins` cut points (the last
 * `h` periods held out, then one period earlier, ...) and averages the MASE of the forecasts.
 */
export function rollingOrigin(
  values: ArrayLike<number>,
  m: number,
  h: number,
  forecaster: (train: number[], m: number, h: number) => Pick<Forecast, 'mean'>,
  origins = 3,
): { mase: number; origins: number } {
  const all = Array.from(values);
  let sum = 0;
  let used = 0;
  for (let k = 0; k < origins; k++) {
    const cut = all.length - h - k;
    if (cut < Math.max(4, m + 1)) break;
    const train = all.slice(0, cut);
    const score = mase(train, all.slice(cut, cut + h), forecaster(train, m, h).mean, m);
    if (Number.isFinite(score)) {
      sum += score;
      used++;
    }
  }
  return { mase: used ? sum / used : NaN, origins: used };
}
