/**
 * npm run insights -- forecast --input <file.json>
 *
 * Forecasts every series in the file (see shared/insights/forecast/input.ts) with the same
 * forecaster the nightly job uses, prints one line per series (method, MASE of a rolling-origin
 * backtest when the history allows one) and, as its last line, the JSON
 * `{ "forecasts": [ { "name", "mean", "lower80", "upper80" } ] }`.
 * A bad file or argument exits with status 2 and a stable code on stderr, printing no forecast.
 *
 * npm run insights -- fit-health
 *
 * Fits the dealer-health flags' thresholds on other generated histories (scripts/insights/health-backtest.ts)
 * and prints them as its last line, to be copied into HEALTH_THRESHOLDS (shared/insights/health.ts).
 */
import fs from 'node:fs';
import { forecast, rollingOrigin } from '../../shared/insights/forecast';
import { forecastFileSchema } from '../../shared/insights/forecast/input';
import { FIT_SEEDS, fitOnOtherHistories } from './health-backtest';

function fail(code: string, message: string): never {
  console.error(`${code}: ${message}`);
  process.exit(2);
}

function readInput(args: string[]): unknown {
  const at = args.indexOf('--input');
  const file = at >= 0 ? args[at + 1] : undefined;
  if (!file) fail('USAGE', '用法: npm run insights -- forecast --input <file.json>');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    fail('INPUT_UNREADABLE', `无法读取文件 ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    fail('INPUT_NOT_JSON', `${file} 不是合法的 JSON`);
  }
}

function fitHealth() {
  const fitted = fitOnOtherHistories();
  console.log(`fitted on seeds ${FIT_SEEDS.join(', ')} (Infinity: that rule is off)`);
  // JSON has no Infinity: a rule the fit switched off prints as a string.
  console.log(JSON.stringify(fitted, (_, v: unknown) => (v === Infinity ? 'Infinity' : v)));
}

function main(args: string[]) {
  if (args[0] === 'fit-health') return fitHealth();
  if (args[0] !== 'forecast') fail('USAGE', '用法: npm run insights -- forecast --input <file.json> | fit-health');
  const parsed = forecastFileSchema.safeParse(readInput(args));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail('INPUT_INVALID', `${issue?.path.join('.') || '(根)'}: ${issue?.message ?? '格式不符'}`);
  }
  const forecasts = parsed.data.series.map((s) => {
    const f = forecast(s.values, s.frequency, s.h);
    const backtest = rollingOrigin(s.values, s.frequency, Math.min(s.h, s.frequency), (train, m, h) => forecast(train, m, h));
    console.log(`${s.name}: ${f.method}${backtest.origins ? `, backtest MASE ${backtest.mase.toFixed(3)} over ${backtest.origins} origins` : ''}`);
    return { name: s.name, mean: f.mean, lower80: f.lower80, upper80: f.upper80 };
  });
  console.log(JSON.stringify({ forecasts }));
}

main(process.argv.slice(2));
