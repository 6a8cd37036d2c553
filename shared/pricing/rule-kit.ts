/**
 * What a rule definition is made of: the fields every rule shares (id, name, validity window,
 * targeting, priority), the extra fields of promotions (stacking group, usage limit), and the
 * behaviour contracts the engine calls. Each file in rules/ builds one definition from these.
 */
import { z } from 'zod';
import { fenSchema, formatFen, ROUNDING_MODES } from '../money';
import { dealerTargetSchema, productTargetSchema } from '../targeting';
import { instantSchema } from '../time';
import type { CatalogProduct } from './types';

export { allocate, BASIS_POINTS, formatFen, multiplyRatio, percentOf } from '../money';
export type { RoundingMode } from '../money';

const idSchema = z.string().min(1).max(64);

/** Integer fen, ≥ 0, at most ¥10 亿 (money's fenSchema). */
export const fenArg = fenSchema;
/** Base units (件), ≥ 1. */
export const qtyArg = z.number().int().min(1).max(10_000_000);
/** Basis points of a percentage: 1000 = 10 %. A discount is at most 100 % so no price goes below zero. */
export const percentOffArg = z.number().int().min(1).max(10_000);
export const roundingArg = z.enum(ROUNDING_MODES).default('half_up');

/**
 * Who a rule is for (dealerTargetSchema) and which products (productTargetSchema): the one
 * reading of targeting, shared with rebate policies, product visibility and campaigns, lives in
 * shared/targeting.
 */
export { dealerTargetSchema, productTargetSchema };

/** Fields of every rule. `code` (the discriminator) and `args` come from each definition. */
export const ruleBaseShape = {
  /** The rule's document id; unique across all rules. */
  id: idSchema,
  /** What the buyer reads in the price steps, e.g. 华东一级经销商价, 春季满减. */
  name: z.string().min(1).max(60),
  /** Switched-off rules are kept for history and never applied. */
  enabled: z.boolean().default(true),
  /** Higher applies first / wins first. */
  priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  /** Valid from this instant, inclusive (epoch ms); null: no start. */
  validFrom: instantSchema.nullable().default(null),
  /** Valid until this instant, exclusive (epoch ms); null: no end. */
  validTo: instantSchema.nullable().default(null),
  dealers: dealerTargetSchema,
  products: productTargetSchema,
};

/** Extra fields of promotions. */
export const promotionShape = {
  ...ruleBaseShape,
  /**
   * Promotions of one group do not combine: per line (or per order for order-level ones) the
   * best for the dealer wins. Groups apply one after another by priority, each on the price the
   * previous left. Default 'default': promotions do not stack unless put in different groups.
   * Groups compete within a phase: line-level promotions first, then order-level (满减/满折).
   */
  stackingGroup: z.string().min(1).max(40).default('default'),
  /** How many orders of one dealer may use it; null: unlimited. */
  usageLimitPerDealer: z.number().int().min(1).max(1_000_000).nullable().default(null),
};

/** validFrom must come before validTo when both are set (refinement used by every rule schema). */
export const windowCheck: [(rule: { validFrom: number | null; validTo: number | null }) => boolean, { message: string; path: string[] }] = [
  (rule) => rule.validFrom === null || rule.validTo === null || rule.validFrom < rule.validTo,
  { message: 'validFrom 必须早于 validTo', path: ['validTo'] },
];

/** Fields every parsed rule has, whatever its type. */
export interface RuleCommon {
  code: string;
  id: string;
  name: string;
  enabled: boolean;
  priority: number;
  validFrom: number | null;
  validTo: number | null;
  dealers: { levels: string[]; regions: string[]; dealerIds: string[] };
  products: { skus: string[]; categoryIds: string[] };
  stackingGroup?: string;
  usageLimitPerDealer?: number | null;
}

/** How a quantity is shown to the buyer: in the unit they ordered in, when it divides evenly. */
export interface UnitView {
  orderedUnit: string;
  factor: number;
  baseUnit: string;
}

/** A line as price rules see it. Quantities are base units; money is fen. */
export interface PricingLine extends UnitView {
  sku: string;
  categoryId: string;
  qty: number;
  listPrice: number;
  /** Current price per base unit (uniform until a graduated tier splits it). */
  unitPrice: number;
  /** Current line amount. */
  amount: number;
}

export interface PriceOutcome {
  amount: number;
  note: string | null;
}

/** A line as promotions see it; amounts are current (after the price rules and earlier groups). */
export interface PromoLine extends PricingLine {
  index: number;
  name: string;
}

export interface PromoContext {
  product(sku: string): CatalogProduct | undefined;
}

/** One way a promotion can apply: the lines it touches (saved may be 0, e.g. the buy line of a 搭赠) and the gifts it gives. */
export interface Application {
  lines: Array<{ index: number; saved: number }>;
  gifts: Array<{ sku: string; qty: number }>;
  /** Total value for the dealer: Σ lines' saved + the list value of the gifts. */
  saved: number;
  times: number;
  note: string | null;
}

/** An "almost reached" hint before the engine stamps the rule's id, code and name on it. */
export interface AlmostDraft {
  sku: string | null;
  measure: 'amount' | 'quantity';
  missing: number;
  missingQty: { qty: number; unit: string } | null;
  message: string;
}

interface DefinitionBase<C extends string, S extends z.ZodType> {
  code: C;
  /** What this kind of rule is called, e.g. 价格表. */
  title: string;
  /** The whole rule, args included (strict). */
  schema: S;
  /** A valid rule of this type as an admin would write it (for docs and tests). */
  example: z.input<S>;
}

/** Price rules: they set the line's price (stage order: price_list -> contract -> tier). */
export interface PriceDefinition<C extends string, S extends z.ZodType> extends DefinitionBase<C, S> {
  kind: 'price';
  stage: 'price_list' | 'contract' | 'tier';
  /**
   * What the rule's args become once, when the index is built (e.g. a tier table); the engine
   * passes it back as `prepared` to price and almost. Without it they read the rule's args.
   */
  prepare?(rule: z.output<S>): unknown;
  /** The line's new amount, or null when the rule does not change this line. */
  price(rule: z.output<S>, line: PricingLine, prepared?: unknown): PriceOutcome | null;
  /**
   * The amount price would return, without its note (null when price returns null): the engine
   * compares rules by it and asks price only of the winner, so losers build no note.
   */
  amount?(rule: z.output<S>, line: PricingLine, prepared?: unknown): number | null;
  almost?(rule: z.output<S>, line: PricingLine, prepared?: unknown): AlmostDraft | null;
}

/** Line-level promotions (including bundles and 搭赠): they act on lines' current amounts. */
export interface LinePromotionDefinition<C extends string, S extends z.ZodType> extends DefinitionBase<C, S> {
  kind: 'line_promotion';
  /** SKUs to index the rule under instead of products.skus (a bundle's items, a 搭赠's gift). */
  indexSkus?(rule: z.output<S>): readonly string[];
  /** SKUs of other products the rule gives away (the catalog must include them). */
  giftSkus?(rule: z.output<S>): readonly string[];
  /** Every way this rule applies to the eligible lines; only applications with saved > 0. */
  applications(rule: z.output<S>, lines: readonly PromoLine[], ctx: PromoContext): Application[];
  almost?(rule: z.output<S>, lines: readonly PromoLine[], ctx: PromoContext): AlmostDraft[];
}

/** Order-level promotions (满减 / 满折): measured on the eligible lines' goods amount, split back to lines. */
export interface OrderPromotionDefinition<C extends string, S extends z.ZodType> extends DefinitionBase<C, S> {
  kind: 'order_promotion';
  /**
   * base: Σ goods amount (after line-level rules) of the eligible lines — what the threshold
   * is measured on. current: their amount now, after earlier order-level groups — what a
   * percentage applies to. Returns the discount in fen (the engine caps it at current).
   */
  evaluate(rule: z.output<S>, base: number, current: number): { saved: number; times: number };
  almost?(rule: z.output<S>, base: number): AlmostDraft | null;
}

export type AnyDefinition = PriceDefinition<string, z.ZodType> | LinePromotionDefinition<string, z.ZodType> | OrderPromotionDefinition<string, z.ZodType>;

/** A quantity in the buyer's unit when it divides evenly, else in base units. */
export function expressQty(baseQty: number, view: UnitView): { qty: number; unit: string } {
  if (view.factor > 1 && baseQty % view.factor === 0) return { qty: baseQty / view.factor, unit: view.orderedUnit };
  return { qty: baseQty, unit: view.baseUnit };
}

export function almostQty(sku: string | null, missing: number, view: UnitView, reward: string): AlmostDraft {
  const q = expressQty(missing, view);
  return { sku, measure: 'quantity', missing, missingQty: q, message: `再买 ${q.qty} ${q.unit} ${reward}` };
}

export function almostAmount(missing: number, reward: string): AlmostDraft {
  return { sku: null, measure: 'amount', missing, missingQty: null, message: `再买 ${formatFen(missing, { compact: true })} ${reward}` };
}

/** A discount in basis points as buyers say it: 1000 -> '9 折', 1500 -> '8.5 折', 10000 -> '免费'. */
export function zhe(percentOffBp: number): string {
  const pay = 10_000 - percentOffBp;
  if (pay <= 0) return '免费';
  const whole = Math.floor(pay / 1000);
  const frac = String(pay % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac} 折` : `${whole} 折`;
}

/** Average price per base unit of a line amount, rounded half up (exact when the line is uniform). */
export function averageUnitPrice(amount: number, qty: number): number {
  if (qty <= 0) return 0;
  const r = amount % qty;
  const q = (amount - r) / qty;
  return r * 2 >= qty ? q + 1 : q;
}
