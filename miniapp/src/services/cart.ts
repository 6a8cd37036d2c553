import Taro from '@tarojs/taro';
import { lcm } from '@shared/pricing/units';
import type { PackUnit } from '@shared/models';

/**
 * The local cart: what the buyer picked, never what it costs. Lines are { sku, qty, unit } with
 * qty in `unit` (a pack unit such as 箱, or the base unit); prices are never stored — the cart
 * page asks pricing.quote every time, and the server prices every line itself.
 *
 * One storage key; one line per SKU (the server refuses a SKU twice in one cart).
 */
export interface CartEntry {
  sku: string;
  qty: number;
  unit: string;
}

export const CART_STORAGE_KEY = 'cart.v1';
/** Fired (with the new lines) whenever the cart is written, so open pages can follow. */
export const CART_CHANGED = 'cart.changed';
/** The server's cap on lines per quote (shared/pricing/schemas cartSchema). */
export const CART_MAX_LINES = 200;
const MAX_QTY = 1_000_000;

function isEntry(v: unknown): v is CartEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e['sku'] === 'string' &&
    e['sku'].length > 0 &&
    typeof e['unit'] === 'string' &&
    e['unit'].length > 0 &&
    typeof e['qty'] === 'number' &&
    Number.isSafeInteger(e['qty']) &&
    e['qty'] >= 1
  );
}

/** The stored lines; anything unreadable is dropped rather than crashing the page. */
export function readCart(): CartEntry[] {
  try {
    const stored: unknown = Taro.getStorageSync(CART_STORAGE_KEY);
    if (!Array.isArray(stored)) return [];
    const seen = new Set<string>();
    const out: CartEntry[] = [];
    for (const v of stored) {
      if (!isEntry(v) || seen.has(v.sku)) continue;
      seen.add(v.sku);
      out.push({ sku: v.sku, qty: Math.min(v.qty, MAX_QTY), unit: v.unit });
    }
    return out;
  } catch {
    return [];
  }
}

export function writeCart(lines: readonly CartEntry[]): CartEntry[] {
  const copy = lines.map((l) => ({ sku: l.sku, qty: l.qty, unit: l.unit }));
  Taro.setStorageSync(CART_STORAGE_KEY, copy);
  Taro.eventCenter.trigger(CART_CHANGED, copy);
  return copy;
}

/** The units a product can be ordered in, as the catalog describes it. */
export interface Orderable {
  sku: string;
  baseUnit: string;
  packUnits: readonly PackUnit[];
  /** Base units. */
  moq: number;
  multiple: number;
}

export function factorOf(p: Pick<Orderable, 'baseUnit' | 'packUnits'>, unit: string): number | null {
  if (unit === p.baseUnit) return 1;
  const pack = p.packUnits.find((u) => u.name === unit);
  return pack && pack.factor >= 1 ? pack.factor : null;
}

/**
 * Quantities the buyer may type in `unit`: multiples of `step` from `min` on. The base quantity
 * must reach the MOQ and be a multiple of `multiple`, so in a unit of factor f the step is
 * lcm(f, multiple) / f and the minimum the smallest such step at or above the MOQ — the same
 * arithmetic the server's line check uses.
 */
export function quantityRule(p: Orderable, unit: string): { min: number; step: number; factor: number } | null {
  const factor = factorOf(p, unit);
  if (factor === null) return null;
  const moq = Math.max(1, p.moq);
  const multiple = Math.max(1, p.multiple);
  const stepBase = lcm(factor, multiple);
  return { min: (Math.ceil(moq / stepBase) * stepBase) / factor, step: stepBase / factor, factor };
}

/**
 * The unit and quantity of a quick add: the smallest quantity that can be ordered, in the largest
 * pack unit that expresses it exactly (1 箱 rather than 12 件), else in the base unit.
 */
export function smallestOrder(p: Orderable): { qty: number; unit: string } {
  const base = quantityRule(p, p.baseUnit) ?? { min: Math.max(1, p.moq), step: 1, factor: 1 };
  const packs = [...p.packUnits].sort((a, b) => b.factor - a.factor);
  for (const pack of packs) {
    const rule = quantityRule(p, pack.name);
    if (rule && rule.min * rule.factor === base.min) return { qty: rule.min, unit: pack.name };
  }
  return { qty: base.min, unit: p.baseUnit };
}

/**
 * Add qty of unit to the cart. A SKU already in the cart grows in place: in the same unit the
 * quantities add up; in another unit both are turned into base units and expressed in the new
 * unit when that divides, else in the base unit.
 */
export function addToCart(p: Pick<Orderable, 'sku' | 'baseUnit' | 'packUnits'>, qty: number, unit: string): CartEntry[] {
  const lines = readCart();
  const at = lines.findIndex((l) => l.sku === p.sku);
  if (at < 0) {
    if (lines.length >= CART_MAX_LINES) return lines;
    return writeCart([...lines, { sku: p.sku, qty: Math.min(qty, MAX_QTY), unit }]);
  }
  const old = lines[at]!;
  let next: CartEntry;
  if (old.unit === unit) {
    next = { sku: p.sku, qty: Math.min(old.qty + qty, MAX_QTY), unit };
  } else {
    const oldFactor = factorOf(p, old.unit);
    const newFactor = factorOf(p, unit) ?? 1;
    if (oldFactor === null) {
      next = { sku: p.sku, qty, unit };
    } else {
      const base = old.qty * oldFactor + qty * newFactor;
      next = base % newFactor === 0 ? { sku: p.sku, qty: base / newFactor, unit } : { sku: p.sku, qty: base, unit: p.baseUnit };
    }
  }
  return writeCart(lines.map((l, i) => (i === at ? next : l)));
}

export function setLineQty(sku: string, qty: number): CartEntry[] {
  const q = Math.max(1, Math.min(MAX_QTY, Math.floor(qty)));
  return writeCart(readCart().map((l) => (l.sku === sku ? { ...l, qty: q } : l)));
}

export function removeLine(sku: string): CartEntry[] {
  return writeCart(readCart().filter((l) => l.sku !== sku));
}

export function clearCart(): CartEntry[] {
  return writeCart([]);
}

/** The units a product can be ordered in: the base unit first, then each pack unit once. */
export function orderUnits(p: Pick<Orderable, 'baseUnit' | 'packUnits'>): PackUnit[] {
  const out: PackUnit[] = [{ name: p.baseUnit, factor: 1 }];
  for (const u of p.packUnits) {
    if (u.factor > 1 && !out.some((o) => o.name === u.name)) out.push(u);
  }
  return out;
}

/** The biggest pack (e.g. 箱), or null when the product only sells by the base unit. */
export function biggestPack(p: Pick<Orderable, 'packUnits'>): PackUnit | null {
  let best: PackUnit | null = null;
  for (const u of p.packUnits) if (u.factor > 1 && (!best || u.factor > best.factor)) best = u;
  return best;
}
