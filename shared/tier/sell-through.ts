import type { SellThroughRow } from '../contracts/tier';
import { roundHalfUp } from '../money';
import type { TierOrderDoc } from './types';

/**
 * Sell-through from delivered two-tier orders: per first-tier × child × SKU, base units and fen,
 * avgUnitPrice = round_half_up(amount / qty). Names only, never contact data.
 */
export function sellThroughRows(
  orders: ReadonlyArray<Pick<TierOrderDoc, 'supplierDealerId' | 'supplierName' | 'dealerId' | 'dealerName' | 'lines'>>,
): SellThroughRow[] {
  const rows = new Map<string, SellThroughRow>();
  for (const o of orders) {
    for (const l of o.lines) {
      const key = `${o.supplierDealerId}\u0000${o.dealerId}\u0000${l.sku}`;
      const row = rows.get(key) ?? {
        firstTierId: o.supplierDealerId,
        firstTierName: o.supplierName,
        childDealerId: o.dealerId,
        childDealerName: o.dealerName,
        sku: l.sku,
        name: l.name,
        qty: 0,
        amount: 0,
        avgUnitPrice: 0,
      };
      row.qty += l.qty;
      row.amount += l.payable;
      rows.set(key, row);
    }
  }
  return [...rows.values()]
    .map((r) => ({ ...r, avgUnitPrice: r.qty > 0 ? roundHalfUp(r.amount, r.qty) : 0 }))
    .sort((a, b) => a.firstTierId.localeCompare(b.firstTierId) || a.childDealerId.localeCompare(b.childDealerId) || a.sku.localeCompare(b.sku));
}
