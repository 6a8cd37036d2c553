import type { ProductDoc } from '../models';

/** The buyer, as the engine needs them. `parentDealerId` is carried for the record; targeting uses id, level and region. */
export interface DealerRef {
  id: string;
  level: string;
  region: string;
  parentDealerId: string | null;
}

/** A catalog entry of one SKU: the stored product plus its document id. Prices are fen per base unit. */
export type CatalogProduct = Pick<
  ProductDoc,
  'sku' | 'name' | 'categoryId' | 'listPrice' | 'baseUnit' | 'packUnits' | 'moq' | 'multiple' | 'status' | 'visibility'
> & { _id: string };

/** One cart line as the buyer sent it (validated by cartLineSchema): qty in `unit`, the base unit when absent. */
export interface CartLine {
  sku: string;
  qty: number;
  unit?: string | undefined;
}

export interface QuoteInput {
  dealer: DealerRef;
  lines: readonly CartLine[];
  /** Catalog entries of the cart's SKUs and of any gift SKUs (see giftSkusFor); others are ignored. */
  catalog: readonly CatalogProduct[];
  /** Pricing time, epoch ms. Rules are valid when validFrom ≤ now < validTo. */
  now: number;
  /** How many times this dealer has already used each promotion, by rule id (absent = 0). */
  usage?: Readonly<Record<string, number>>;
  /** Rebate balance the buyer wants to spend, fen; capped at what is payable. Default 0. */
  rebateDeduction?: number;
}

/**
 * Stable codes of the problems a cart line can have; each comes with a message telling the buyer what to change.
 * NOT_SUPPLIED: a second-tier dealer's line its first-tier has set no price for (docs/two-tier.md; never from the brand's engine).
 */
export const LINE_ERROR_CODES = [
  'UNKNOWN_SKU',
  'NOT_VISIBLE',
  'OFF_SALE',
  'INVALID_UNIT',
  'DUPLICATE_SKU',
  'MOQ_NOT_MET',
  'NOT_MULTIPLE',
  'NOT_SUPPLIED',
] as const;
export type LineErrorCode = (typeof LINE_ERROR_CODES)[number];

export interface LineError {
  /** Index of the line in the cart as sent. */
  lineIndex: number;
  sku: string;
  code: LineErrorCode;
  message: string;
  /** Facts for the UI, e.g. the quantities that would be accepted, in the buyer's unit. */
  details: Record<string, unknown>;
}

export type StepKind = 'list' | 'price' | 'promotion' | 'order' | 'rebate';

/**
 * One step that made a line's price, in the order applied. Amounts are the whole line in fen;
 * unit prices are fen per base unit (the average, rounded half up, when a line is not uniformly
 * priced, e.g. graduated tiers). `saved` = amountBefore − amountAfter.
 */
export interface PriceStep {
  kind: StepKind;
  /** Rule type code (e.g. price_list, order_threshold_amount_off), or list_price / rebate_deduction. */
  code: string;
  ruleId: string | null;
  /** What the buyer reads, e.g. 华东一级经销商价. */
  label: string;
  unitPriceBefore: number;
  unitPriceAfter: number;
  amountBefore: number;
  amountAfter: number;
  saved: number;
  /** Extra explanation, e.g. the brackets of a graduated tier or the gift given; null when none. */
  note: string | null;
}

export interface GiftSource {
  ruleId: string;
  code: string;
  name: string;
}

export interface QuoteLine {
  /** Index in the cart as sent; gift lines have null. */
  lineIndex: number | null;
  kind: 'item' | 'gift';
  sku: string;
  /** Product name, '' when the SKU is unknown. */
  name: string;
  /** Base units (件). */
  qty: number;
  baseUnit: string;
  /** What the buyer typed: quantity in their unit. */
  orderedQty: number;
  orderedUnit: string;
  /** List price per base unit, fen (for gifts: their value). */
  listPrice: number;
  /** qty × listPrice; 0 for gifts and lines in error. */
  listAmount: number;
  /** Unit price after line-level rules (price lists, contract, tier, line promotions); average when not uniform. */
  unitPrice: number;
  /** Line amount after line-level rules, fen. */
  amount: number;
  /** This line's share of order-level promotions (满减/满折), fen. */
  orderDiscount: number;
  /** This line's share of the rebate deduction, fen. */
  rebateDeduction: number;
  /** amount − orderDiscount − rebateDeduction: what the buyer pays for this line, fen. */
  payable: number;
  steps: PriceStep[];
  /** For gift lines: the promotion that gave it. */
  gift: GiftSource | null;
  error: LineError | null;
}

export interface AppliedPromotion {
  ruleId: string;
  code: string;
  name: string;
  /** Fen saved across the order; for 搭赠 the list value of the gifts. */
  saved: number;
  /** How many times it applied (sets of a bundle, multiples of a threshold, gift rounds). */
  times: number;
}

export interface AlmostReached {
  ruleId: string;
  code: string;
  name: string;
  /** The line it concerns, or null for the order. */
  sku: string | null;
  /** 'amount': `missing` is fen; 'quantity': `missing` is base units. */
  measure: 'amount' | 'quantity';
  missing: number;
  /** The missing quantity in the buyer's unit when it divides evenly, else in base units; null for amounts. */
  missingQty: { qty: number; unit: string } | null;
  /** E.g. 再买 ¥300 减 ¥50, 再买 2 箱 送 1 件. */
  message: string;
}

export interface NotApplied {
  ruleId: string;
  code: string;
  name: string;
  reason: 'USAGE_LIMIT_REACHED';
  message: string;
}

export interface QuoteTotals {
  /** Σ listAmount of priced lines, fen. */
  listTotal: number;
  /** Σ amount (after line-level rules), fen. */
  goodsTotal: number;
  orderDiscountTotal: number;
  rebateDeduction: number;
  /** listTotal − payable. */
  discountTotal: number;
  /** Σ payable of all lines, fen. */
  payable: number;
  /** List value of the gifts, fen (not part of payable). */
  giftValue: number;
}

export interface QuoteResult {
  /** True when no line has an error: the cart can be ordered as it is. */
  ok: boolean;
  /** Cart lines in the order sent, then gift lines. */
  lines: QuoteLine[];
  totals: QuoteTotals;
  promotions: AppliedPromotion[];
  almostReached: AlmostReached[];
  notApplied: NotApplied[];
  errors: LineError[];
  /** The rebate the buyer asked for and what was applied (capped at payable). */
  rebate: { requested: number; applied: number };
}
