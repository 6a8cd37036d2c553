import type { CompiledRule } from './index-rules';
import type { NotApplied } from './types';

/** Stage 3's outcome: the promotions still to apply, by phase and in rank order, and those refused. */
export interface UsablePromotions {
  linePromos: CompiledRule[];
  orderPromos: CompiledRule[];
  notApplied: NotApplied[];
}

function usedTimes(usage: Readonly<Record<string, number>>, id: string): number {
  return Object.prototype.hasOwnProperty.call(usage, id) ? (usage[id] ?? 0) : 0;
}

/**
 * 3. Promotions this dealer has used up do not apply: each is listed in `notApplied` with a
 * message saying so; the rest split into line promotions and order thresholds, in rank order.
 */
export function usablePromotions(promotions: Iterable<CompiledRule>, usage: Readonly<Record<string, number>>): UsablePromotions {
  const notApplied: NotApplied[] = [];
  const linePromos: CompiledRule[] = [];
  const orderPromos: CompiledRule[] = [];
  for (const r of [...promotions].sort((a, b) => a.rank - b.rank)) {
    if (r.usageLimit !== null && usedTimes(usage, r.rule.id) >= r.usageLimit) {
      notApplied.push({
        ruleId: r.rule.id,
        code: r.rule.code,
        name: r.rule.name,
        reason: 'USAGE_LIMIT_REACHED',
        message: `${r.rule.name} 每个经销商限用 ${r.usageLimit} 次，您已用完`,
      });
    } else (r.def.kind === 'order_promotion' ? orderPromos : linePromos).push(r);
  }
  return { linePromos, orderPromos, notApplied };
}
