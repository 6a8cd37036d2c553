/**
 * 再来一单: which lines of a past order can go in the cart again, and how many. A line whose
 * product is off sale or out of stock is left out; one the stock no longer covers is reduced to
 * what is available, in the product's ordering steps (a multiple of `multiple`, at least the MOQ).
 * Each change comes back with a reason the buyer reads (by product name), so nothing is dropped
 * or lowered silently. Stock is the advisory figure of the moment: submit reserves it.
 */
export interface AgainProduct {
  status: string;
  moq: number;
  multiple: number;
}

export interface AgainLine {
  sku: string;
  name: string;
  /** Base units. */
  qty: number;
}

export interface BuyAgainPlan {
  lines: Array<{ sku: string; name: string; qty: number }>;
  skipped: Array<{ sku: string; name: string; reason: string }>;
  reduced: Array<{ sku: string; name: string; from: number; to: number; reason: string }>;
}

/** `available`: stock available to promise per SKU, base units (absent = none). `unit`: the base unit of each SKU, for the message. */
export function planBuyAgain(
  items: readonly AgainLine[],
  products: ReadonlyMap<string, AgainProduct & { baseUnit?: string }>,
  available: ReadonlyMap<string, number>,
): BuyAgainPlan {
  const plan: BuyAgainPlan = { lines: [], skipped: [], reduced: [] };
  for (const item of items) {
    const p = products.get(item.sku);
    if (!p || p.status !== 'on_sale') {
      plan.skipped.push({ sku: item.sku, name: item.name, reason: `${item.name} 已下架` });
      continue;
    }
    const unit = p.baseUnit ?? '件';
    const have = Math.max(0, available.get(item.sku) ?? 0);
    if (have >= item.qty) {
      plan.lines.push({ sku: item.sku, name: item.name, qty: item.qty });
      continue;
    }
    const step = Math.max(1, p.multiple);
    const fit = Math.floor(have / step) * step;
    if (have <= 0 || fit < Math.max(1, p.moq)) {
      plan.skipped.push({ sku: item.sku, name: item.name, reason: have <= 0 ? `${item.name} 缺货` : `${item.name} 仅剩 ${have} ${unit}，不够起订量` });
      continue;
    }
    plan.lines.push({ sku: item.sku, name: item.name, qty: fit });
    plan.reduced.push({
      sku: item.sku,
      name: item.name,
      from: item.qty,
      to: fit,
      reason: `${item.name} 仅剩 ${have} ${unit}，已从 ${item.qty} 减为 ${fit} ${unit}`,
    });
  }
  return plan;
}
