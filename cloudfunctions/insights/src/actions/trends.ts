import { contracts } from '@shared/contracts';
import { regionName } from '@shared/dealer';
import { trendLines, trendMonths } from '@shared/insights/trends';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time/keys';
import { regionsToRead } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';
import { monthlyRows, namesOf } from '../views';

/**
 * Sales of a month by region, category or SKU against the month before and the same month last
 * year, from the stored monthly aggregates: a manager's regions, an admin's all. The default
 * month is the last complete one (a month under way would always read as a fall).
 */
export const trends = defineAction(contracts.insights.trends, ['manager', 'admin'], async ({ by, month, region, categoryId }, { db, caller, now }) => {
  const chosen = month ?? shiftMonthKey(shanghaiMonthKey(now), -1);
  const regions = regionsToRead(caller, region);
  const rows = regions === 'all' || regions.length ? await monthlyRows(db, trendMonths(chosen), regions) : [];
  const picked = categoryId ? rows.filter((r) => r.categoryId === categoryId) : rows;
  const { months, total, lines } = trendLines(picked, chosen, (r) => (by === 'region' ? r.region : by === 'category' ? r.categoryId : r.sku));
  const top = lines.slice(0, 20);
  const names =
    by === 'region'
      ? null
      : await namesOf(
          db,
          by === 'category' ? 'categories' : 'products',
          top.map((l) => l.key),
        );
  const label = (key: string) => (names ? (names.get(key) ?? key) : regionName(key));
  return { month: chosen, months, total: { ...total, key: 'total', label: '合计' }, items: top.map((l) => ({ ...l, label: label(l.key) })) };
});
