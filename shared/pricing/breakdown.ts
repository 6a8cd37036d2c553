/**
 * The one money breakdown every page shows — cart, checkout, order, statement:
 * 原价合计 − 优惠 − 返利抵扣 = 应付. 优惠 is everything the price rules took off (price lists,
 * tiers, promotions, 满减); 返利抵扣 is the wallet spent, kept apart so it is never folded into 优惠
 * nor hidden in lowered line amounts. Integer fen; the parts add up by construction.
 */
export interface MoneyBreakdown {
  /** Σ quantity × list price of the ordered items (gifts excluded). */
  listTotal: number;
  /** listTotal − rebate − payable. */
  discount: number;
  rebate: number;
  payable: number;
}

/** The breakdown of an amount `payable` that already has `rebate` deducted. */
export function moneyBreakdown(listTotal: number, payable: number, rebate: number): MoneyBreakdown {
  return { listTotal, discount: listTotal - rebate - payable, rebate, payable };
}
