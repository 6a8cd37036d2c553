import { contracts } from '@shared/contracts';
import type { ForecastView } from '@shared/contracts/insights';
import { regionName } from '@shared/dealer';
import { forecast } from '@shared/insights/forecast';
import { seriesBy } from '@shared/insights/trends';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time/keys';
import { regionsToRead } from '../../../_capabilities/region-scope';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { monthlyRows, namesOf, storedForecasts } from '../views';

/** Series shown at most: the largest of the caller's regions (a SKU list of every region would be hundreds). */
const SHOWN = 12;
const volume = (f: ForecastView) => f.history.reduce((s, x) => s + x, 0);
const monthsBefore = (last: string, n: number) => Array.from({ length: n }, (_, i) => shiftMonthKey(last, i - n + 1));

/**
 * Demand 3 months ahead per region × category or region × SKU with 80/95 % intervals and the
 * backtest's MASE, as the first night of the month stored them (insight_forecasts); before any
 * is stored, forecast on read from 24 complete months of the monthly aggregates.
 */
export const forecasts = defineAction(contracts.insights.forecasts, ['manager', 'admin'], async ({ level, region }, { db, caller, now }) => {
  const regions = regionsToRead(caller, region);
  if (regions !== 'all' && regions.length === 0) return { asOf: shiftMonthKey(shanghaiMonthKey(now), -1), items: [] };
  const stored = await storedForecasts(db, level, regions);
  const items: ForecastView[] = stored.length
    ? stored.map((d) => {
        const last = shiftMonthKey(d.history.from, d.history.values.length - 1);
        const { _id, name, history, months, ...f } = d;
        return {
          ...f,
          key: _id,
          regionName: regionName(d.region),
          label: name,
          months: monthsBefore(last, Math.min(12, history.values.length)),
          history: history.values.slice(-12),
          ahead: months,
        };
      })
    : await onRead(db, level, regions, shiftMonthKey(shanghaiMonthKey(now), -1));
  const shown = items.sort((a, b) => volume(b) - volume(a) || (a.key < b.key ? -1 : 1)).slice(0, SHOWN);
  return { asOf: stored[0]?.asOfMonth ?? shiftMonthKey(shanghaiMonthKey(now), -1), items: shown };
});

/** Forecasts computed from the monthly aggregates (24 months up to `asOf`), for the largest series. */
async function onRead(db: Db, level: 'category' | 'sku', regions: 'all' | string[], asOf: string): Promise<ForecastView[]> {
  const months = monthsBefore(asOf, 24);
  const series = [...seriesBy(await monthlyRows(db, months, regions), months, (r) => `${r.region}|${level === 'category' ? r.categoryId : r.sku}`)]
    .sort((a, b) => b[1].slice(-12).reduce((s, x) => s + x, 0) - a[1].slice(-12).reduce((s, x) => s + x, 0) || (a[0] < b[0] ? -1 : 1))
    .slice(0, SHOWN);
  const names = await namesOf(db, level === 'category' ? 'categories' : 'products', [...new Set(series.map(([key]) => key.split('|')[1]!))]);
  const ahead = [1, 2, 3].map((i) => shiftMonthKey(asOf, i));
  return series.map(([key, values]) => {
    const [r, item] = key.split('|') as [string, string];
    return {
      key,
      region: r,
      regionName: regionName(r),
      label: names.get(item) ?? item,
      mase: null,
      months: months.slice(-12),
      history: values.slice(-12),
      ahead,
      ...forecast(values, 12, 3),
    };
  });
}
