import type { SellThroughRow } from '@shared/contracts/tier';

export interface ChildGroup {
  childDealerId: string;
  childDealerName: string;
  qty: number;
  amount: number;
  rows: SellThroughRow[];
}

export interface FirstTierGroup {
  firstTierId: string;
  firstTierName: string;
  qty: number;
  amount: number;
  children: ChildGroup[];
}

/** The server's rows as first-tier → child → SKU, in the order they came, with each level's qty and amount summed. */
export function groupSellThrough(rows: readonly SellThroughRow[]): FirstTierGroup[] {
  const tiers = new Map<string, FirstTierGroup>();
  for (const r of rows) {
    let t = tiers.get(r.firstTierId);
    if (!t) tiers.set(r.firstTierId, (t = { firstTierId: r.firstTierId, firstTierName: r.firstTierName, qty: 0, amount: 0, children: [] }));
    let c = t.children.find((x) => x.childDealerId === r.childDealerId);
    if (!c) t.children.push((c = { childDealerId: r.childDealerId, childDealerName: r.childDealerName, qty: 0, amount: 0, rows: [] }));
    c.rows.push(r);
    c.qty += r.qty;
    c.amount += r.amount;
    t.qty += r.qty;
    t.amount += r.amount;
  }
  return [...tiers.values()];
}
