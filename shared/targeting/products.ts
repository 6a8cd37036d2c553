/**
 * 商品范围 (product scope): which products a price rule, rebate policy or approval rule is about,
 * by SKU and by category (a category covers those below it: categories.ts). Three readings, each
 * a named schema and matcher here:
 *
 * - Price rules (`productTargetSchema`): a SKU listed, or a category listed or below one; both
 *   lists empty: every product.
 * - Rebate policies (`productScopeSchema`): included — both include lists empty (every
 *   product), or SKU / category included — and not excluded by SKU or category. Exclusions win.
 * - Approval rules (`requiredCategoriesSchema`): at least one category, each once; empty is
 *   refused (it would put every order up for approval).
 */
import { z } from 'zod';
import { inCategoryScope, NO_CATEGORIES } from './categories';
import type { CategoryTree } from './categories';

const ids = (max: number) => z.array(z.string().min(1).max(64)).max(max).default([]);

/** A product as scope reads it: its SKU and its own (leaf) category. */
export interface ScopedProduct {
  sku: string;
  categoryId: string;
}

/** Which products a price rule is for (SKUs, categories); both empty: all products. */
export const productTargetSchema = z
  .strictObject({
    skus: ids(5000),
    categoryIds: ids(500),
  })
  .default({ skus: [], categoryIds: [] });

export interface ProductTarget {
  skus: readonly string[];
  categoryIds: readonly string[];
}

/** Whether a price rule's product targeting includes the product (the pricing index files rules by the same reading). */
export function matchesProduct(target: ProductTarget, product: ScopedProduct, categories: CategoryTree = NO_CATEGORIES): boolean {
  if (target.skus.length === 0 && target.categoryIds.length === 0) return true;
  return target.skus.includes(product.sku) || inCategoryScope(categories, product.categoryId, new Set(target.categoryIds));
}

/** Which delivered goods a rebate policy counts: include lists (empty = all) minus exclude lists. */
export const productScopeSchema = z
  .strictObject({
    includeSkus: ids(5000),
    includeCategories: ids(500),
    excludeSkus: ids(5000),
    excludeCategories: ids(500),
  })
  .default({ includeSkus: [], includeCategories: [], excludeSkus: [], excludeCategories: [] });

export type ProductScope = z.output<typeof productScopeSchema>;

/** Whether a rebate scope counts the product (rebates/scope.ts sums aggregates by the same reading). */
export function inProductScope(scope: ProductScope, product: ScopedProduct, categories: CategoryTree = NO_CATEGORIES): boolean {
  if (scope.excludeSkus.includes(product.sku) || inCategoryScope(categories, product.categoryId, new Set(scope.excludeCategories))) return false;
  if (scope.includeSkus.length === 0 && scope.includeCategories.length === 0) return true;
  return scope.includeSkus.includes(product.sku) || inCategoryScope(categories, product.categoryId, new Set(scope.includeCategories));
}

/** An approval rule's categories: at least one, at most 200, each once. */
export const requiredCategoriesSchema = z
  .array(z.string().min(1).max(64))
  .min(1)
  .max(200)
  .refine((c) => new Set(c).size === c.length, { message: '品类不能重复' });
