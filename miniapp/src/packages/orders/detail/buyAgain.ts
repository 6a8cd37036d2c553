import type { Envelope } from '@shared/envelope';
import { ok } from '@shared/envelope';
import { addToCart } from '../../../services/cart';
import { call } from '../../../services/cloud';

/** What 再来一单 did: how many lines went in, and each line left out or reduced, in words (by product name). */
export interface BuyAgainReport {
  added: number;
  notes: string[];
}

/**
 * 再来一单: the server lists the past order's lines still on sale and in stock (base units,
 * reduced to what is available); each goes into the cart in the largest pack that holds it
 * exactly (576 件 → 24 箱), merged with what is already there. What the server left out or
 * reduced, and products this dealer can no longer see, are reported, not silently dropped.
 */
export async function buyAgain(orderId: string): Promise<Envelope<BuyAgainReport>> {
  const res = await call('orders', 'buyAgain', { orderId });
  if (!res.ok) return res;
  const skipped: Array<{ reason: string }> = [...res.data.skipped];
  const products = await Promise.all(res.data.lines.map((l) => call('catalog', 'get', { sku: l.sku })));
  let added = 0;
  res.data.lines.forEach((line, i) => {
    const p = products[i]!;
    if (!p.ok) {
      skipped.push({ reason: `${line.name}：${p.error.message}` });
      return;
    }
    const pack = [...p.data.packUnits].sort((a, b) => b.factor - a.factor).find((u) => u.factor > 1 && line.qty % u.factor === 0);
    if (pack) addToCart(p.data, line.qty / pack.factor, pack.name);
    else addToCart(p.data, line.qty, p.data.baseUnit);
    added++;
  });
  return ok({ added, notes: [...skipped.map((s) => s.reason), ...res.data.reduced.map((r) => r.reason)] });
}
