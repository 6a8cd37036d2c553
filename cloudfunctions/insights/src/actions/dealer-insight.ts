import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { levelName, regionName } from '@shared/dealer';
import { mergeDay } from '@shared/insights/sales';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time/keys';
import { regionsToRead } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';
import { salesOrders } from '../sales-orders';
import { healthOf, namesOf } from '../views';

/**
 * One dealer for its manager (or an admin): health among its region's peers, the last 12 months
 * ordered, its top SKUs, its latest orders and open alerts. Outside the caller's regions it does
 * not exist (NOT_FOUND, as dealers.get answers).
 */
export const dealerInsight = defineAction(contracts.insights.dealerInsight, ['manager', 'admin'], async ({ dealerId }, { db, caller, now }) => {
  const dealer = await db.getById('dealers', dealerId);
  if (!dealer || regionsToRead(caller, dealer.region).length === 0) return new Refusal('NOT_FOUND', '经销商不存在或不在您负责的区域');
  const months = Array.from({ length: 12 }, (_, i) => shiftMonthKey(shanghaiMonthKey(now), i - 11));
  // The dealer's own orders (index: dealerId, _id) rather than the aggregates: a few hundred at most, and
  // complete from the first day, where the aggregates hold only the nights that have run.
  const [peers, orders, alerts] = await Promise.all([
    healthOf(db, [dealer.region], now),
    salesOrders(db, { dealerId }),
    // Open alerts are few: the newest 200 by the inbox's index, this dealer's kept.
    db.find('insight_alerts', { status: 'open' }, { orderBy: [['raisedAt', 'desc']], limit: 200 }),
  ]);
  const own = mergeDay(new Map(), orders).filter((r) => r.month >= months[0]!);
  const bySku = new Map<string, { qty: number; amount: number }>();
  for (const r of own) bySku.set(r.sku, { qty: (bySku.get(r.sku)?.qty ?? 0) + r.qty, amount: (bySku.get(r.sku)?.amount ?? 0) + r.amount });
  const top = [...bySku].sort((a, b) => b[1].amount - a[1].amount).slice(0, 5);
  const latest = [...orders].sort((a, b) => b.createdAt - a.createdAt || (a._id < b._id ? 1 : -1)).slice(0, 10);
  const names = await namesOf(
    db,
    'products',
    top.map(([sku]) => sku),
  );
  return {
    dealer: { id: dealer._id, name: dealer.name, region: dealer.region, regionName: regionName(dealer.region), levelName: levelName(dealer.level) },
    health: peers.find((h) => h.dealerId === dealerId) ?? null,
    months,
    amounts: months.map((m) => own.filter((r) => r.month === m).reduce((s, r) => s + r.amount, 0)),
    topSkus: top.map(([sku, v]) => ({ sku, name: names.get(sku) ?? sku, ...v })),
    recentOrders: latest.map((o) => ({ id: o._id, orderNo: o.orderNo, status: o.status, payable: o.payable, createdAt: o.createdAt })),
    alerts: alerts.filter((a) => a.dealerId === dealerId).map(({ _id, ...a }) => ({ id: _id, ...a })),
  };
});
