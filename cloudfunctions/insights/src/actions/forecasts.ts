import { contracts } from '@shared/contracts';
import { regionName } from '@shared/dealer';
import { forecast } from '@shared/insights/forecast';
import { seriesBy } from '@shared/insights/trends';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time/keys';
import { regionsToRead } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';
import { monthlyRows, namesOf } from '../views';

/** Series shown at most: the largest of the caller's regions (a SKU list of every region would be hundreds). */
const SHOWN = 12;

/**
 * Demand 3 months ahead per region × category or region × SKU with 80/95 % intervals, from 24
 * complete months of the stored aggregates (shared/insights/forecast chooses the model).
 */
export const forecasts = defineAction(contracts.insights.forecasts, ['manager', 'admin'], async ({ level, region }, { db, caller, now }) => {
  const asOf = shiftMonthKey(shanghaiMonthKey(now), -1);
  const months = Array.from({ length: 24 }, (_, i) => shiftMonthKey(asOf, i - 23));
  const regions = regionsToRead(caller, region);
  const rows = regions === 'all' || regions.length ? await monthlyRows(db, months, regions) : [];
  const series = [...seriesBy(rows, months, (r) => `${r.region}|${level === 'category' ? r.categoryId : r.sku}`)]
    .map(([key, values]) => ({ key, values, recent: values.slice(-12).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.recent - a.recent || (a.key < b.key ? -1 : 1))
    .slice(0, SHOWN);
  const names = await namesOf(db, level === 'category' ? 'categories' : 'products', [...new Set(series.map((s) => s.key.split('|')[1]!))]);
  const ahead = [1, 2, 3].map((i) => shiftMonthKey(asOf, i));
  const items = series.map(({ key, values }) => {
    const [r, item] = key.split('|') as [string, string];
    const f = forecast(values, 12, 3);
    return {
      key,
      region: r,
      regionName: regionName(r),
      label: names.get(item) ?? item,
      mase: null,
      months: months.slice(-12),
      history: values.slice(-12),
      ahead,
      ...f,
    };
  });
  return { asOf, items };
});
