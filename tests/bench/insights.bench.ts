/**
 * npm run bench -- insights [--series N]: the forecaster's speed on N seeded monthly demand series
 * (region × SKU-shaped: 36 months, trend, season, noise, some intermittent), its accuracy on the
 * four classic series beside R's ets, the nightly run on the demo data (a month's first night:
 * aggregates, every detector, health and forecasts), and the dealer-health back-test (scored as
 * of the first of four past months with payment timeliness, each checked against its next 3 months,
 * with thresholds fitted here on other generated histories: scripts/insights/health-backtest.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../../mocks/seed/data';
import { Rng } from '../../mocks/seed/rng';
import { forecast, mase } from '../../shared/insights/forecast';
import { HEALTH_THRESHOLDS, dealerHealth, healthRates } from '../../shared/insights/health';
import { runNight } from '../../shared/insights/nightly';
import { outlook } from '../../shared/insights/outlook';
import { paymentFactsOf, receivableAgeing } from '../../shared/insights/payments';
import { engagementSignals } from '../../shared/insights/signals';
import { type MonthlySalesRow, type WeeklySalesRow, mergeDay } from '../../shared/insights/sales';
import { EVALUATION_ORIGINS, FIT_SEEDS, backtestCases, fitOnOtherHistories } from '../../scripts/insights/health-backtest';

const DAY_MS = 86_400_000;

function demandSeries(rng: Rng, months: number): number[] {
  const level = 50 + rng.next() * 500;
  const trend = (rng.next() - 0.4) * 0.02;
  const amplitude = rng.next() * 0.5;
  const sparse = rng.next() < 0.2;
  return Array.from({ length: months }, (_, t) => {
    if (sparse && rng.next() < 0.6) return 0;
    const mean = level * (1 + trend * t) * (1 + amplitude * Math.sin((2 * Math.PI * t) / 12));
    return Math.max(0, Math.round(mean * (0.8 + 0.4 * rng.next())));
  });
}

export async function run(args: string[]): Promise<void> {
  const at = args.indexOf('--series');
  const count = at >= 0 ? Number(args[at + 1]) : 2000;
  const rng = new Rng(16);
  const series = Array.from({ length: count }, () => demandSeries(rng, 36));
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  const cpu = process.cpuUsage();
  let started = performance.now();
  for (const s of series) forecast(s, 12, 3);
  const forecastMs = (performance.now() - started) / count;
  const cpuUsed = process.cpuUsage(cpu);
  const forecastCpuMs = (cpuUsed.user + cpuUsed.system) / 1000 / count;
  console.log(
    `forecast: ${count} series of 36 months, ${forecastMs.toFixed(2)} ms each, ${forecastCpuMs.toFixed(2)} ms CPU (10,000 ≈ ${((forecastMs * 10_000) / 1000).toFixed(1)} s)`,
  );

  const classic = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../shared/data/forecast-classic.json'), 'utf8')) as {
    series: Array<{ name: string; frequency: number; h: number; values: number[]; reference: { mase: Record<string, number> } }>;
  };
  const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
  const scores = classic.series.map((s) => {
    const train = s.values.slice(0, -s.h);
    const f = forecast(train, s.frequency, s.h);
    const ours = mase(train, s.values.slice(-s.h), f.mean, s.frequency);
    console.log(
      `${s.name}: ${f.method} MASE ${ours.toFixed(4)}; R ets ${s.reference.mase.ets}, auto.arima ${s.reference.mase.auto_arima}, snaive ${s.reference.mase.snaive}`,
    );
    return { ours, ets: s.reference.mase.ets! };
  });

  const data = generate();
  const asOf = data.system[0]!.referenceDate;
  const managers = data.users.filter((u) => u.role === 'manager') as unknown as Array<{ _id: string; regions: string[] }>;
  // The night that does the most: the first of a month, when region × SKU months are judged and
  // the forecasts made. Everything the function computes that night, without its reads and writes.
  const night = Date.UTC(2026, 10, 1) - 8 * 3_600_000;
  const history = data.orders.filter((o) => o.createdAt < night + DAY_MS);
  const since = night - 330 * DAY_MS;
  const nightCpu = process.cpuUsage();
  started = performance.now();
  const today = history.filter((o) => o.createdAt >= night);
  const rows = mergeDay(new Map<string, MonthlySalesRow>(), today);
  const weeks = mergeDay(new Map<string, WeeklySalesRow>(), today, [], 'week');
  const payments = paymentFactsOf({
    dealers: data.dealers,
    orders: data.orders,
    payments: data.payments,
    returns: [],
    accounts: data.accounts,
    now: asOf,
    since,
  });
  const alerts = runNight({ orders: history, dayStart: night, lastRaised: new Map(), managers, payments });
  const ageing = receivableAgeing(payments, night + DAY_MS);
  const engagement = engagementSignals({
    dealers: data.dealers,
    campaigns: data.campaigns,
    codes: data.campaign_codes,
    customers: data.wecom_customers,
    wecomDealers: new Set(data.wecom_staff.flatMap((s) => (s.status === 'active' && s.dealerId ? [s.dealerId] : []))),
    asOf: night + DAY_MS,
  });
  const scored = dealerHealth(
    history,
    data.dealers.filter((d) => d.status === 'active'),
    night + DAY_MS,
    new Map(data.dealers.map((d) => [d._id, { ...engagement.get(d._id), overdueDays: ageing.get(d._id)?.overdueDays ?? 0 }])),
  );
  const forecasts = outlook(
    history.filter((o) => o.createdAt < night),
    '2026-10',
    { categoryNames: new Map(data.categories.map((c) => [c._id, c.name])) },
  );
  const nightlyMs = performance.now() - started;
  const nightUsed = process.cpuUsage(nightCpu);
  const nightlyCpuMs = (nightUsed.user + nightUsed.system) / 1000;
  console.log(
    `nightly (${new Date(night + 8 * 3_600_000).toISOString().slice(0, 10)}): ${rows.length} monthly and ${weeks.length} weekly rows, ${alerts.length} alerts, ${scored.length} dealers scored, ${forecasts.length} forecasts, ${nightlyMs.toFixed(0)} ms (${nightlyCpuMs.toFixed(0)} ms CPU)`,
  );

  // Dealer health, honestly: thresholds fitted on other generated histories, then the demo's
  // dealers scored as the night would have on the first of each of four past months (payment
  // timeliness included), against what each did in the 3 months after; the four pooled.
  const fitCpu = process.cpuUsage();
  const fitted = fitOnOtherHistories();
  const fitUsed = process.cpuUsage(fitCpu);
  const health = healthRates(backtestCases(data), fitted);
  const asCommitted = JSON.stringify(fitted) === JSON.stringify(HEALTH_THRESHOLDS);
  console.log(
    `health thresholds fitted on seeds ${FIT_SEEDS.join(', ')} in ${((fitUsed.user + fitUsed.system) / 1e6).toFixed(1)} s CPU: ${JSON.stringify(fitted)} (${asCommitted ? 'as committed' : 'DIFFER from HEALTH_THRESHOLDS'})`,
  );
  console.log(
    `health back-test, as of ${EVALUATION_ORIGINS.join(', ')}, each against its next 92 days: churn ${JSON.stringify(health.churn)}; growth ${JSON.stringify(health.growth)}`,
  );
  console.log(
    JSON.stringify({
      series: count,
      forecast_ms_per_series: Number(forecastMs.toFixed(3)),
      forecast_cpu_ms_per_series: Number(forecastCpuMs.toFixed(3)),
      nightly_ms: Math.round(nightlyMs),
      nightly_cpu_ms: Math.round(nightlyCpuMs),
      mase_geomean: Number(geomean(scores.map((s) => s.ours)).toFixed(4)),
      r_ets_mase_geomean: Number(geomean(scores.map((s) => s.ets)).toFixed(4)),
      mase: Object.fromEntries(classic.series.map((s, i) => [s.name, Number(scores[i]!.ours.toFixed(4))])),
      health_precision: Number(health.churn.precision.toFixed(3)),
      health_recall: Number(health.churn.recall.toFixed(3)),
      growth_precision: Number(health.growth.precision.toFixed(3)),
      growth_recall: Number(health.growth.recall.toFixed(3)),
      health_flagged: health.churn.flagged,
      health_churned: health.churn.actual,
      health_thresholds_as_committed: asCommitted,
      load_average: os.loadavg().map((x) => Number(x.toFixed(2))),
    }),
  );
}
