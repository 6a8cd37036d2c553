/**
 * Targeting, the one module for "is this rule for this dealer, this product": dealer level,
 * sales region, dealer ids (dealers.ts), SKUs and categories (products.ts), and the category tree
 * a category scope reads (categories.ts). Price rules, product visibility, rebate policies,
 * campaigns and approval rules all take their schema and matcher from here; where they read an
 * empty list differently, that is a separate named schema, never a second matcher.
 */
export {
  audienceSchema,
  compileDealerTarget,
  dealerKeys,
  dealerLevelSchema,
  dealerTargetSchema,
  inAudience,
  isVisibleTo,
  matchesCompiled,
  matchesDealer,
  regionSchema,
  requiredLevelsSchema,
  targetsEveryone,
} from './dealers';
export type { Audience, CompiledDealerTarget, DealerTarget, TargetDealer } from './dealers';
export { inProductScope, matchesProduct, productScopeSchema, productTargetSchema, requiredCategoriesSchema } from './products';
export type { ProductScope, ProductTarget, ScopedProduct } from './products';
export {
  categoryLineage,
  categoryName,
  categoryTreeKey,
  categoryTreeOf,
  coveredCategories,
  inCategoryScope,
  NO_CATEGORIES,
  scopeCategoryOf,
  unknownCategories,
} from './categories';
export type { CategoryEntry, CategoryTree } from './categories';
