import { z } from 'zod';
import { action } from '../contract';
import type { PackUnit } from '../models';
import type { PriceStep } from '../pricing';

const id = z.string().min(1).max(64);

export interface CategoryNode {
  id: string;
  name: string;
  parentId: string | null;
  children: CategoryNode[];
}

/** One product as a dealer sees it in the catalog: its own price, never someone else's. */
export interface CatalogItem {
  sku: string;
  name: string;
  spec: string;
  image: string | null;
  categoryId: string;
  baseUnit: string;
  packUnits: PackUnit[];
  /** Minimum order quantity and order multiple, base units. */
  moq: number;
  multiple: number;
  /** List price per base unit, fen. */
  listPrice: number;
  /** This dealer's price per base unit at the minimum order quantity, fen (after line-level rules). */
  price: number;
  /** What set that price, e.g. 华东一级经销商价; null when it is the list price. */
  priceLabel: string | null;
  /** E.g. 满 10 箱 ¥38.00/件; null when no quantity tier applies to this dealer. */
  tierHint: string | null;
  /** Available to promise across warehouses, base units. */
  available: number;
}

export interface CatalogListOutput {
  items: CatalogItem[];
  /** Pass back to get the next page; null at the end. Stable while the catalog changes. */
  nextCursor: string | null;
  /** The category tree, on the first page only (no cursor). */
  categories: CategoryNode[] | null;
}

export interface WarehouseStock {
  warehouseId: string;
  warehouseName: string;
  available: number;
}

export interface TierRow {
  /** From this many base units. */
  minQty: number;
  /** The minimum in the largest pack unit it divides into, e.g. 10 箱. */
  minLabel: string;
  /** This dealer's unit price at that quantity, fen. */
  unitPrice: number;
}

export interface CatalogDetail extends CatalogItem {
  status: 'on_sale' | 'off_sale';
  /** How the price at the minimum quantity was made, step by step. */
  steps: PriceStep[];
  stock: WarehouseStock[];
  tiers: TierRow[];
  /** Promotions on offer for this product to this dealer. */
  promotions: Array<{ ruleId: string; name: string; code: string }>;
}

export const catalogListInput = z.strictObject({
  categoryId: id.optional(),
  keyword: z.string().trim().min(1).max(40).optional(),
  inStock: z.boolean().optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(50).optional(),
  /** 代客下单: a channel manager lists the catalog as this dealer of their region sees it (dealers may not name one). */
  forDealerId: id.optional(),
});

export const catalog = {
  /** The dealer's catalog: visible, on-sale products with the dealer's own prices; cursor pagination by SKU. */
  list: action<CatalogListOutput>()(catalogListInput, { keyword: '绿茶', limit: 20 }),
  /** One product with pack units, stock by warehouse, price steps, tiers and promotions. */
  get: action<CatalogDetail>()(z.strictObject({ sku: id }), { sku: 'sku-0001' }),
};
