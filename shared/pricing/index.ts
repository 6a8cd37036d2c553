/**
 * The pricing engine: a cart, a dealer, the rules and `now` in; a priced, explained quote out.
 * Pure — no clock, no I/O, no hidden state: the same input and index give the same result.
 *
 * Units. Money is integer fen (分). Quantities are base units (件); a pack unit (箱 = factor × 件)
 * is converted when a line enters (`unit` of a cart line) and used again only in messages.
 * Percentages are integer basis points (10000 = 100 %; 1000 off = 9 折).
 *
 * quote() composes its stages, one module each: check-stage (cart lines), collect-stage (the
 * rules that apply), usage-stage (per-dealer limits), price-stage, promotion-stage, rebate-stage,
 * assemble-stage (lines and totals).
 *
 * Order of the steps on each line (each recorded in `steps` with its rule code and label):
 *   1. list price (目录价)                — ProductDoc.listPrice per base unit
 *   2. price list (价格表, price_list)     — by level / region / both / dealer; one wins per line
 *   3. contract price (合同价)             — per dealer per SKU; beats price lists
 *   4. quantity tier (阶梯价)              — all_units or graduated; never raises the price
 *   5. line promotions                     — line_percent_off, line_amount_off, special_price,
 *                                            buy_x_get_y (搭赠), bundle_price, by stacking group
 *   6. order thresholds                    — order_threshold_amount_off (满减), _percent_off (满折)
 *   7. rebate deduction (返利抵扣)          — an input amount, capped at what is payable
 * Stacking: promotions of one stacking group do not combine — per line (per order for 满减/满折)
 * the best for the dealer wins; groups apply in the order of their highest-priority member, each
 * on the amounts the previous left. A promotion whose per-dealer usage limit is used up is
 * listed in `notApplied`. Line promotions always come before order thresholds, so a group's
 * exclusivity holds within its phase: a line promotion and a 满减 sharing a group name still
 * both apply. Ties anywhere break by priority (higher first), then rule id: never by
 * the order the rules were given in.
 *
 * Rounding. A percentage yields the new price or amount rounded once with the rule's named mode
 * (half_up by default; see money/rounding-mode). Price lists and tiers work per base unit;
 * line promotions on the line amount. Nothing is ever below zero.
 *
 * Allocation. Order discounts (满减/满折), bundle savings and the rebate deduction are split to
 * lines by largest remainder (money/allocate): each part floored, the leftover fen one by one to
 * the largest fractional remainders, ties to the earlier line. Parts add back exactly, so
 * Σ line.payable = totals.payable, always.
 *
 * Line errors (UNKNOWN_SKU, DUPLICATE_SKU, NOT_VISIBLE, OFF_SALE, INVALID_UNIT, MOQ_NOT_MET,
 * NOT_MULTIPLE) leave the line unpriced (amounts 0) and `ok` false; the message says what to change.
 */
export { quote } from './quote';
export { dealerBuckets, giftSkusFor, indexRules, ruleMatchesDealer } from './index-rules';
export type { CompiledRule, RuleIndex } from './index-rules';
export { checkLine } from './check-line';
// Targeting is shared/targeting's; re-exported for the callers that price.
export { isVisibleTo, matchesDealer } from '../targeting';
export type { DealerTarget } from '../targeting';
export { toBaseQty, unitFactor } from './units';
export { cartLineSchema, cartSchema, rebateDeductionSchema } from './schemas';
export { definitionOf, RULE_CODES, RULE_DEFINITIONS, ruleSchema } from './rules';
export type { Rule, RuleCode, RuleInput, RuleOf } from './rules';
export { dealerTargetSchema, productTargetSchema, expressQty, zhe } from './rule-kit';
export type { AnyDefinition, Application, PricingLine, PromoLine, RuleCommon } from './rule-kit';
export { LINE_ERROR_CODES } from './types';
export type * from './types';
export { rulesForProduct } from './rules-for';
