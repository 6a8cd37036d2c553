import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { sellThroughRows } from '@shared/tier';
import { DAY_MS, shanghaiMidnightOf } from '@shared/time';
import { defineAction } from '../../../_kit/router';

/**
 * The brand's sell-through: delivered two-tier orders whose delivery falls in [from, to] (Shanghai
 * days), per first-tier × child × SKU. An admin sees every first-tier, a channel manager those of
 * their regions. Names only, no contact data.
 */
export const sellThrough = defineAction(contracts.tier.sellThrough, ['admin', 'manager', CONSOLE], async ({ from, to, firstTierId }, { db, caller }) => {
  const _ = db.command;
  const range = _['and']!([_['gte']!(shanghaiMidnightOf(from)), _['lt']!(shanghaiMidnightOf(to) + DAY_MS)]);
  const docs = await db.findAll('tier_orders', { status: 'delivered', deliveredAt: range });
  const regions = caller.user?.role === 'manager' ? (caller.user.regions ?? []) : null;
  const suppliers = regions ? await db.getMany('dealers', [...new Set(docs.map((d) => d.supplierDealerId))]) : [];
  const mine = new Set(suppliers.filter((s) => regions?.includes(s.region)).map((s) => s._id));
  const kept = docs.filter((d) => (!firstTierId || d.supplierDealerId === firstTierId) && (!regions || mine.has(d.supplierDealerId)));
  if (firstTierId && regions && !mine.has(firstTierId) && kept.length === 0 && docs.some((d) => d.supplierDealerId === firstTierId))
    return new Refusal('NOT_FOUND', '经销商不在您负责的区域');
  const rows = sellThroughRows(kept);
  return { from, to, rows, totals: { qty: rows.reduce((n, r) => n + r.qty, 0), amount: rows.reduce((n, r) => n + r.amount, 0), orders: kept.length } };
});
