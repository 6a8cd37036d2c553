/**
 * What rebates are computed from: per-dealer, per-period AGGREGATES of delivered goods, so
 * reading a dealer's progress costs O(policies), not O(orders).
 *
 * A delivery is counted when the goods reach the dealer (the order is delivered), at the line's
 * `payable`: the amount after every discount. Payable is also net of rebate balance spent at
 * checkout, so goods paid with rebate do not earn rebate again (no 返利生返利). A return is a
 * delivery with negative lines, dated at the delivery it reverses (`at` decides the period), so
 * it lowers the period the goods were counted in; a period already settled is then corrected by
 * a claw-back in the next period (see settle.ts), never reopened.
 *
 * Money is integer fen, quantities base units (件), times epoch ms.
 */
import { z } from 'zod';
import { FEN_MAX, signedFenSchema } from '../money';
import { instantSchema } from '../time';
import type { Order } from '../orders/types';
import { contains, parsePeriod, periodOrThrow } from './period';
import type { Range } from './period';

/** Net delivered amount (fen) and quantity (base units). Either may be negative after returns. */
export interface Totals {
  amount: number;
  qty: number;
}

/** One SKU's net deliveries, split by the category its lines carried (normally exactly one). */
export interface SkuTotals extends Totals {
  categories: Record<string, Totals>;
}

/**
 * Net deliveries of one dealer over [start, end): a whole period, or for a campaign the part of
 * the period inside the campaign's window. Canonical: a cell whose amount and qty are both 0
 * (and that has no non-zero cells under it) is absent, so the same deliveries give the same
 * aggregate whatever order they were accrued in.
 */
export interface DeliveryAggregate {
  dealerId: string;
  /** The period it counts towards: '2024-03', '2024-Q1' or '2024'. */
  period: string;
  start: number;
  end: number;
  bySku: Record<string, SkuTotals>;
  byCategory: Record<string, Totals>;
  total: Totals;
}

export interface DeliveryLine {
  sku: string;
  categoryId: string;
  /** Base units; negative for a return. */
  qty: number;
  /** Fen after discounts (the line's payable share); negative for a return. */
  payable: number;
}

export interface Delivery {
  /** The order (or return) it comes from, for the audit trail. */
  ref: string;
  dealerId: string;
  /** The instant that decides the period: delivery time; for a return, the time of the delivery it reverses. */
  at: number;
  lines: readonly DeliveryLine[];
}

const idSchema = z.string().min(1).max(64);
/** A signed quantity (a return is negative), within the same bound as signed fen. */
const signedQty = z.number().int().min(-FEN_MAX).max(FEN_MAX);
/** zod 4's int() is a safe integer. */
const totalsSchema = z.strictObject({ amount: z.number().int(), qty: z.number().int() });

export const deliveryLineSchema = z.strictObject({ sku: idSchema, categoryId: idSchema, qty: signedQty, payable: signedFenSchema });
export const deliverySchema = z.strictObject({
  ref: z.string().min(1).max(64),
  dealerId: idSchema,
  at: instantSchema,
  lines: z.array(deliveryLineSchema).max(1000),
});

/** A stored aggregate, validated when read back. */
export const deliveryAggregateSchema = z.strictObject({
  dealerId: idSchema,
  period: z.string().refine((k) => parsePeriod(k) !== null, '期间格式应为 YYYY-MM、YYYY-Qn 或 YYYY'),
  start: z.number().int(),
  end: z.number().int(),
  bySku: z.record(z.string(), totalsSchema.extend({ categories: z.record(z.string(), totalsSchema) })),
  byCategory: z.record(z.string(), totalsSchema),
  total: totalsSchema,
});

export const ZERO: Totals = Object.freeze({ amount: 0, qty: 0 }) as Totals;

/** An aggregate with nothing delivered, over the whole period or over `range` within it. */
export function emptyAggregate(dealerId: string, period: string, range?: Range): DeliveryAggregate {
  const p = periodOrThrow(period);
  const r = range ?? p;
  if (r.start < p.start || r.end > p.end || r.start >= r.end) {
    throw new RangeError(`emptyAggregate: range [${r.start}, ${r.end}) is not a non-empty part of ${period}`);
  }
  return { dealerId, period, start: r.start, end: r.end, bySku: {}, byCategory: {}, total: { amount: 0, qty: 0 } };
}

function add(a: Totals, amount: number, qty: number): Totals {
  const next = { amount: a.amount + amount, qty: a.qty + qty };
  if (!Number.isSafeInteger(next.amount) || !Number.isSafeInteger(next.qty)) throw new RangeError('accrue: totals beyond 2^53');
  return next;
}

const isZero = (t: Totals) => t.amount === 0 && t.qty === 0;

/** Adds signed totals into a copy-on-write record cell, dropping it when it nets to zero. Never mutates a cell. */
function bump(record: Record<string, Totals>, key: string, amount: number, qty: number): void {
  const next = add(record[key] ?? ZERO, amount, qty);
  if (isZero(next)) delete record[key];
  else record[key] = next;
}

/**
 * An empty plain object for many keys that vary from dealer to dealer (SKUs, categories). Same
 * object as `{}` to every reader; only the engine's representation differs: deleting a property
 * that is not the last one added puts V8 in dictionary mode at once, instead of building a new
 * hidden class for every key order it meets (which made accrue and merge several times slower).
 */
function dict<T>(): Record<string, T> {
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o['a'];
  delete o['b'];
  return o as Record<string, T>;
}

/**
 * A shallow copy of a record (the cells are shared, never mutated), key by key — several times
 * faster than spread for these records. `many`: a record of many varying keys (see dict).
 */
function copyOf<T>(record: Readonly<Record<string, T>>, many = false): Record<string, T> {
  const out: Record<string, T> = many ? dict<T>() : {};
  for (const k in record) if (hasOwn.call(record, k)) out[k] = record[k] as T;
  return out;
}

const hasOwn = Object.prototype.hasOwnProperty;

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const k in record) if (hasOwn.call(record, k)) return false;
  return true;
}

/**
 * The aggregate with one delivery (or return: negative lines) added. Pure: returns a new
 * aggregate and never touches the input (cells it does not change are shared with it).
 * Throws when the delivery belongs to another dealer or falls outside [start, end) — that is a
 * caller's bug (it picked the wrong aggregate), not a business outcome.
 */
export function accrue(aggregate: DeliveryAggregate, delivery: Delivery): DeliveryAggregate {
  if (delivery.dealerId !== aggregate.dealerId) {
    throw new RangeError(`accrue: delivery ${delivery.ref} is for dealer ${delivery.dealerId}, the aggregate for ${aggregate.dealerId}`);
  }
  if (!contains(aggregate, delivery.at)) {
    throw new RangeError(`accrue: delivery ${delivery.ref} at ${delivery.at} is outside [${aggregate.start}, ${aggregate.end}) of ${aggregate.period}`);
  }
  const bySku = copyOf(aggregate.bySku, true);
  const byCategory = copyOf(aggregate.byCategory, true);
  let amount = aggregate.total.amount;
  let qty = aggregate.total.qty;
  const lines = delivery.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DeliveryLine;
    const q = line.qty;
    const pay = line.payable;
    if (!Number.isSafeInteger(q) || !Number.isSafeInteger(pay)) {
      throw new RangeError(`accrue: delivery ${delivery.ref} line ${line.sku} has a non-integer qty or payable`);
    }
    const before = bySku[line.sku];
    let categories: Record<string, Totals>;
    if (before === undefined) {
      categories = {};
      if (q !== 0 || pay !== 0) categories[line.categoryId] = { amount: pay, qty: q };
    } else {
      categories = copyOf(before.categories);
      bump(categories, line.categoryId, pay, q);
    }
    const sku = add(before ?? ZERO, pay, q);
    if (isZero(sku) && isEmpty(categories)) delete bySku[line.sku];
    else bySku[line.sku] = { amount: sku.amount, qty: sku.qty, categories };
    bump(byCategory, line.categoryId, pay, q);
    amount += pay;
    qty += q;
    if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(qty)) throw new RangeError('accrue: totals beyond 2^53');
  }
  return { ...aggregate, bySku, byCategory, total: { amount, qty } };
}

/**
 * The aggregate recomputed from raw deliveries: those of `dealerId` with `at` in the period (or
 * in `range` within it); the others are left out. Equal to accruing them one by one in any order.
 */
export function aggregateFrom(dealerId: string, period: string, deliveries: readonly Delivery[], range?: Range): DeliveryAggregate {
  let agg = emptyAggregate(dealerId, period, range);
  for (const d of deliveries) {
    if (d.dealerId === dealerId && contains(agg, d.at)) agg = accrue(agg, d);
  }
  return agg;
}

/**
 * Sums aggregates of disjoint parts (e.g. three months) into one over `period` (their quarter):
 * a quarter's progress then reads three stored months instead of every order. Throws when a part
 * is of another dealer, outside the period, or overlaps another part.
 */
export function mergeAggregates(dealerId: string, period: string, parts: readonly DeliveryAggregate[], range?: Range): DeliveryAggregate {
  const out = emptyAggregate(dealerId, period, range);
  const sorted = [...parts].sort((a, b) => a.start - b.start);
  let cursor = out.start;
  // Parts are canonical aggregates and never mutated: a cell found in one part only is shared
  // as it is; a cell found in several becomes a new cell.
  const bySku = dict<SkuTotals>();
  const byCategory = dict<Totals>();
  let total: Totals = ZERO;
  for (const part of sorted) {
    if (part.dealerId !== dealerId) throw new RangeError(`mergeAggregates: a part is for dealer ${part.dealerId}`);
    if (part.start < cursor || part.end > out.end) throw new RangeError(`mergeAggregates: part ${part.period} overlaps another or lies outside ${period}`);
    cursor = part.end;
    const skus = Object.keys(part.bySku);
    for (let i = 0; i < skus.length; i++) {
      const sku = skus[i] as string;
      const cell = part.bySku[sku] as SkuTotals;
      const prev = bySku[sku];
      if (prev === undefined) {
        bySku[sku] = cell;
        continue;
      }
      const categories = copyOf(prev.categories);
      for (const c of Object.keys(cell.categories)) {
        const t = cell.categories[c] as Totals;
        bump(categories, c, t.amount, t.qty);
      }
      const next = add(prev, cell.amount, cell.qty);
      if (isZero(next) && isEmpty(categories)) delete bySku[sku];
      else bySku[sku] = { amount: next.amount, qty: next.qty, categories };
    }
    const cats = Object.keys(part.byCategory);
    for (let i = 0; i < cats.length; i++) {
      const c = cats[i] as string;
      const t = part.byCategory[c] as Totals;
      if (byCategory[c] === undefined) byCategory[c] = t;
      else bump(byCategory, c, t.amount, t.qty);
    }
    total = add(total, part.total.amount, part.total.qty);
  }
  return { ...out, bySku, byCategory, total };
}

/**
 * The delivery an order makes when the dealer receives it (its `deliveredAt`), or null while it
 * is not delivered. Gift lines (搭赠) are left out: they were not bought, so they count neither
 * towards amount nor quantity.
 */
export function deliveryOfOrder(order: Pick<Order, 'orderNo' | 'dealerId' | 'deliveredAt' | 'lines'>): Delivery | null {
  if (order.deliveredAt === null) return null;
  return {
    ref: order.orderNo,
    dealerId: order.dealerId,
    at: order.deliveredAt,
    lines: order.lines.filter((l) => l.kind === 'item').map((l) => ({ sku: l.sku, categoryId: l.categoryId, qty: l.qty, payable: l.payable })),
  };
}
