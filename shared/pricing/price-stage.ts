import type { CompiledRule } from './index-rules';
import type { ItemState } from './line-state';
import { pricingLine, recordStep } from './line-state';
import type { AlmostDraft, PriceOutcome } from './rule-kit';

const STAGES = ['price_list', 'contract', 'tier'] as const;

/** A rule's "almost reached" draft, before assemble-stage names the rule in it. */
export interface AlmostHint {
  rule: CompiledRule;
  draft: AlmostDraft;
}

/**
 * Which of two price rules applying to one line wins: higher priority; then the more specific
 * dealer targeting; then the more specific product targeting; then the lower amount (−1: not
 * compared); then rank.
 */
function better(a: CompiledRule, amountA: number, b: CompiledRule, amountB: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.dealerSpecificity !== b.dealerSpecificity) return a.dealerSpecificity > b.dealerSpecificity;
  if (a.productSpecificity !== b.productSpecificity) return a.productSpecificity > b.productSpecificity;
  if (amountA >= 0 && amountB >= 0 && amountA !== amountB) return amountA < amountB;
  return a.rank < b.rank;
}

/**
 * list price -> price list -> contract price -> quantity tier: per stage the winning rule sets
 * the line's amount. Returns the tier stage's "almost reached" hint for the line, if any. Rules
 * whose definition tells their amount alone are compared by it; only the winner writes its note.
 */
export function priceItem(item: ItemState): AlmostHint | null {
  let hint: AlmostHint | null = null;
  for (const stage of STAGES) {
    const line = pricingLine(item);
    let best: CompiledRule | null = null;
    let bestAmount = -1;
    let bestOutcome: PriceOutcome | null = null;
    let top: CompiledRule | null = null;
    for (const r of item.priceRules) {
      const def = r.def;
      if (def.kind !== 'price' || def.stage !== stage) continue;
      if (!top || better(r, -1, top, -1)) top = r;
      // Its amount alone when the definition can say it without the note (−1: the line is not changed).
      let amount = -1;
      let outcome: PriceOutcome | null = null;
      if (def.amount) amount = def.amount(r.rule, line, r.prepared) ?? -1;
      else {
        outcome = def.price(r.rule, line, r.prepared);
        if (outcome) amount = outcome.amount;
      }
      if (amount >= 0 && (!best || better(r, amount, best, bestAmount))) {
        best = r;
        bestAmount = amount;
        bestOutcome = outcome;
      }
    }
    if (stage === 'tier') {
      const target = best ?? top;
      const draft = target && target.def.kind === 'price' && target.def.almost ? target.def.almost(target.rule, line, target.prepared) : null;
      if (target && draft) hint = { rule: target, draft };
    }
    if (best && best.def.kind === 'price') {
      const outcome = bestOutcome ?? best.def.price(best.rule, line, best.prepared);
      if (outcome) recordStep(item, 'price', best, outcome.amount, outcome.note);
    }
  }
  return hint;
}

/**
 * 4. list -> price list -> contract -> tier, per line: each line's first step is its list price,
 * then priceItem. Returns the tier hints, in line order.
 */
export function priceItems(items: readonly ItemState[]): AlmostHint[] {
  const hints: AlmostHint[] = [];
  for (const item of items) {
    recordStep(item, 'list', null, item.listAmount, null, '目录价');
    const hint = priceItem(item);
    if (hint) hints.push(hint);
  }
  return hints;
}
