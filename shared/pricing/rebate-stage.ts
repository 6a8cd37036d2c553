import type { ItemState } from './line-state';
import { recordStep } from './line-state';
import { allocate } from './rule-kit';

/**
 * 7. Rebate deduction: capped at what is payable, split to the lines like an order discount
 * (largest remainder, weighted by their current amounts). Returns the amount deducted.
 */
export function deductRebate(items: readonly ItemState[], requested: number): number {
  const payableBefore = items.reduce((s, i) => s + i.running, 0);
  const applied = Math.min(requested, payableBefore);
  if (applied > 0) {
    const parts = allocate(
      applied,
      items.map((i) => i.running),
    );
    items.forEach((item, k) => {
      const part = parts[k] ?? 0;
      if (part === 0) return;
      item.rebate = part;
      recordStep(item, 'rebate', null, item.running - part, null, '返利抵扣');
    });
  }
  return applied;
}
