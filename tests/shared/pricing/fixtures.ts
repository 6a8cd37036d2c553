import type { CatalogProduct, DealerRef, QuoteInput, QuoteResult, Rule, RuleInput } from '../../../shared/pricing';
import { indexRules, quote, ruleSchema } from '../../../shared/pricing';
import { NO_CATEGORIES } from '../../../shared/targeting';

/** 2025-03-01T00:00:00+08:00 */
export const NOW = Date.UTC(2025, 1, 28, 16, 0, 0);
export const DAY = 86_400_000;

export const dealerA: DealerRef = { id: 'd-hz-01', level: 'A', region: 'east', parentDealerId: null };
export const dealerB: DealerRef = { id: 'd-cd-07', level: 'B', region: 'west', parentDealerId: 'd-hz-01' };

export function product(sku: string, over: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    _id: `p-${sku}`,
    sku,
    name: `商品${sku}`,
    categoryId: 'cat-tea',
    listPrice: 1000,
    baseUnit: '件',
    packUnits: [{ name: '箱', factor: 12 }],
    moq: 1,
    multiple: 1,
    status: 'on_sale',
    visibility: { levels: [], regions: [], dealerIds: [] },
    ...over,
  };
}

/** Teas at ¥10/件 (12 件/箱), a snack category at ¥5/件, and a gift cup. */
export const CATALOG: CatalogProduct[] = [
  product('TEA-1'),
  product('TEA-2', { listPrice: 2000 }),
  product('TEA-3', { listPrice: 1500 }),
  product('SNK-1', { categoryId: 'cat-snack', listPrice: 500, packUnits: [{ name: '盒', factor: 6 }] }),
  product('CUP-1', { categoryId: 'cat-gift', listPrice: 800, name: '定制茶杯', packUnits: [] }),
];

let seq = 0;
/** Parses a rule through the registry's schema (so the tests exercise it), with a fresh id unless given. */
type WithoutIdName<T> = T extends unknown ? Omit<T, 'id' | 'name'> & { id?: string; name?: string } : never;

export function rule(input: WithoutIdName<RuleInput>): Rule {
  seq += 1;
  return ruleSchema.parse({ id: `r${String(seq).padStart(4, '0')}`, name: `规则${seq}`, ...input });
}

export function run(rules: Rule[], over: Partial<QuoteInput> = {}): QuoteResult {
  return quote({ dealer: dealerA, lines: [{ sku: 'TEA-1', qty: 10 }], catalog: CATALOG, now: NOW, ...over }, indexRules(rules, NO_CATEGORIES));
}
