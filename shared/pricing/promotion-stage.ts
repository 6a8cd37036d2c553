import type { CompiledRule } from './index-rules';
import type { ItemState } from './line-state';
import type { AlmostHint } from './price-stage';
import { recordStep, viewCache } from './line-state';
import { allocate } from './rule-kit';
import type { Application, PromoContext } from './rule-kit';

const NONE: readonly number[] = [];

/** What a promotion did across the order. */
export interface PromotionTally {
  rule: CompiledRule;
  saved: number;
  times: number;
}

export interface GiftTally {
  rule: CompiledRule;
  sku: string;
  qty: number;
}

export interface PromotionOutcome {
  applied: Map<CompiledRule, PromotionTally>;
  gifts: GiftTally[];
  almost: AlmostHint[];
}

/** Groups rules (already in rank order) by stacking group; groups come out in the rank of their top member. */
function byGroup(rules: readonly CompiledRule[]): CompiledRule[][] {
  const groups = new Map<string, CompiledRule[]>();
  for (const r of rules) {
    const g = groups.get(r.group);
    if (g) g.push(r);
    else groups.set(r.group, [r]);
  }
  return [...groups.values()];
}

function tally(applied: Map<CompiledRule, PromotionTally>, rule: CompiledRule, saved: number, times: number): void {
  const t = applied.get(rule);
  if (t) {
    t.saved += saved;
    t.times += times;
  } else applied.set(rule, { rule, saved, times });
}

type Tagged = { rule: CompiledRule; app: Application };

/**
 * Line-level promotions. Groups apply one after another, each on the amounts the previous left.
 * Inside a group each line gets at most one promotion, the one saving the dealer most (ties: the
 * higher-ranked rule). A promotion spanning several lines (bundle, 搭赠 of another SKU) is taken
 * instead of the per-line best of the lines it touches when it saves more in total.
 */
export function applyLinePromotions(
  items: ItemState[],
  rules: readonly CompiledRule[],
  eligible: ReadonlyMap<CompiledRule, number[]>,
  ctx: PromoContext,
): PromotionOutcome {
  const applied = new Map<CompiledRule, PromotionTally>();
  const gifts = new Map<string, GiftTally>();
  for (const members of byGroup(rules)) {
    const linesOf = viewCache(items);
    const bestSingle = new Map<number, Tagged>();
    const multis: Tagged[] = [];
    for (const rule of members) {
      if (rule.def.kind !== 'line_promotion') continue;
      const lines = linesOf(eligible.get(rule) ?? NONE);
      for (const app of rule.def.applications(rule.rule, lines, ctx)) {
        if (app.saved <= 0) continue;
        const only = app.lines.length === 1 ? app.lines[0] : undefined;
        if (only) {
          const current = bestSingle.get(only.index);
          if (!current || app.saved > current.app.saved) bestSingle.set(only.index, { rule, app });
        } else multis.push({ rule, app });
      }
    }
    let chosen = [...bestSingle.values()];
    let bestValue = chosen.reduce((s, t) => s + t.app.saved, 0);
    for (const m of multis) {
      const touched = new Set(m.app.lines.map((l) => l.index));
      const rest = [...bestSingle.entries()].filter(([pos]) => !touched.has(pos)).map(([, t]) => t);
      const value = rest.reduce((s, t) => s + t.app.saved, m.app.saved);
      if (value > bestValue) {
        bestValue = value;
        chosen = [m, ...rest];
      }
    }
    chosen.sort((a, b) => a.rule.rank - b.rule.rank || (a.app.lines[0]?.index ?? 0) - (b.app.lines[0]?.index ?? 0));
    for (const { rule, app } of chosen) {
      for (const l of app.lines) {
        const item = items[l.index] as ItemState;
        recordStep(item, 'promotion', rule, item.running - l.saved, app.note);
      }
      for (const g of app.gifts) {
        const key = `${rule.rank}\u0000${g.sku}`;
        const t = gifts.get(key);
        if (t) t.qty += g.qty;
        else gifts.set(key, { rule, sku: g.sku, qty: g.qty });
      }
      tally(applied, rule, app.saved, app.times);
    }
  }
  const almost: PromotionOutcome['almost'] = [];
  const finalLinesOf = viewCache(items);
  for (const rule of rules) {
    if (rule.def.kind !== 'line_promotion' || !rule.def.almost) continue;
    const lines = finalLinesOf(eligible.get(rule) ?? NONE);
    for (const draft of rule.def.almost(rule.rule, lines, ctx)) almost.push({ rule, draft });
  }
  return { applied, gifts: [...gifts.values()].sort((a, b) => a.rule.rank - b.rule.rank || (a.sku < b.sku ? -1 : 1)), almost };
}

/**
 * Order-level promotions (满减 / 满折). Thresholds are measured on the eligible lines' goods
 * amount (after line-level rules); groups apply by rank, each on the amounts the previous left;
 * inside a group the largest discount wins. The discount is split to the eligible lines by
 * largest remainder, weighted by their current amounts, so the parts add back exactly.
 */
export function applyOrderPromotions(
  items: ItemState[],
  rules: readonly CompiledRule[],
  eligible: ReadonlyMap<CompiledRule, number[]>,
  applied: Map<CompiledRule, PromotionTally>,
): AlmostHint[] {
  const sum = (positions: readonly number[], f: (i: ItemState) => number) => positions.reduce((s, p) => s + f(items[p] as ItemState), 0);
  for (const members of byGroup(rules)) {
    let best: { rule: CompiledRule; saved: number; times: number; positions: number[] } | null = null;
    for (const rule of members) {
      if (rule.def.kind !== 'order_promotion') continue;
      const positions = eligible.get(rule) ?? [];
      const current = sum(positions, (i) => i.running);
      const r = rule.def.evaluate(
        rule.rule,
        sum(positions, (i) => i.goods),
        current,
      );
      const saved = Math.min(r.saved, current);
      if (saved > 0 && (!best || saved > best.saved)) best = { rule, saved, times: r.times, positions };
    }
    if (!best) continue;
    const { rule, saved, times, positions } = best;
    const parts = allocate(
      saved,
      positions.map((p) => (items[p] as ItemState).running),
    );
    positions.forEach((p, k) => {
      const part = parts[k] ?? 0;
      if (part === 0) return;
      const item = items[p] as ItemState;
      item.orderDiscount += part;
      recordStep(item, 'order', rule, item.running - part, null);
    });
    tally(applied, rule, saved, times);
  }
  const almost: AlmostHint[] = [];
  for (const rule of rules) {
    if (rule.def.kind !== 'order_promotion' || !rule.def.almost) continue;
    const draft = rule.def.almost(
      rule.rule,
      sum(eligible.get(rule) ?? [], (i) => i.goods),
    );
    if (draft) almost.push({ rule, draft });
  }
  return almost;
}

/**
 * 5. Line promotions by stacking group, then each line's goods amount is fixed; 6. order
 * thresholds on those goods amounts. The hints are the line promotions' then the thresholds'.
 */
export function applyPromotions(
  items: ItemState[],
  usable: { linePromos: readonly CompiledRule[]; orderPromos: readonly CompiledRule[] },
  eligible: ReadonlyMap<CompiledRule, number[]>,
  ctx: PromoContext,
): PromotionOutcome {
  const promo = applyLinePromotions(items, usable.linePromos, eligible, ctx);
  for (const item of items) item.goods = item.running;
  const orderAlmost = applyOrderPromotions(items, usable.orderPromos, eligible, promo.applied);
  return { applied: promo.applied, gifts: promo.gifts, almost: [...promo.almost, ...orderAlmost] };
}
