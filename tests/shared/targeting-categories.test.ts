import fc from 'fast-check';
import { categoryLineage, categoryTreeOf, coveredCategories, inCategoryScope, NO_CATEGORIES, scopeCategoryOf, unknownCategories } from '../../shared/targeting';
import { evaluateApproval, approvalRuleSchema } from '../../shared/orders';
import type { ApprovalFacts } from '../../shared/orders';
import { indexRules, quote, ruleSchema } from '../../shared/pricing';
import { accrue, emptyAggregate, scopeSchema, scopedTotals } from '../../shared/rebates';
import { CATALOG, dealerA, NOW } from './pricing/fixtures';

/** 饮料 › 茶 › 绿茶, 饮料 › 水; 零食 on its own. */
const TREE = categoryTreeOf([
  { _id: 'drinks', parentId: null, name: '饮料' },
  { _id: 'tea', parentId: 'drinks', name: '茶' },
  { _id: 'green', parentId: 'tea', name: '绿茶' },
  { _id: 'water', parentId: 'drinks', name: '水' },
  { _id: 'snack', parentId: null, name: '零食' },
]);

describe('category scope: a category covers itself and every category below it', () => {
  test('the lineage of a category is itself then its ancestors, nearest first; an unknown one is only itself', () => {
    expect(categoryLineage(TREE, 'green')).toEqual(['green', 'tea', 'drinks']);
    expect(categoryLineage(TREE, 'snack')).toEqual(['snack']);
    expect(categoryLineage(TREE, 'gone')).toEqual(['gone']);
  });

  test('a cycle written by hand stops instead of looping', () => {
    const loop = categoryTreeOf([
      { _id: 'a', parentId: 'b', name: 'a' },
      { _id: 'b', parentId: 'a', name: 'b' },
    ]);
    expect(categoryLineage(loop, 'a')).toEqual(['a', 'b']);
    expect(inCategoryScope(loop, 'a', new Set(['c']))).toBe(false);
  });

  test('the scope category that covers a category is the nearest one named', () => {
    expect(scopeCategoryOf(TREE, 'green', new Set(['drinks', 'tea']))).toBe('tea');
    expect(scopeCategoryOf(TREE, 'green', new Set(['drinks']))).toBe('drinks');
    expect(scopeCategoryOf(TREE, 'drinks', new Set(['tea']))).toBeNull();
    expect(scopeCategoryOf(TREE, 'snack', new Set(['drinks']))).toBeNull();
    expect(scopeCategoryOf(NO_CATEGORIES, 'green', new Set(['drinks']))).toBeNull();
  });

  test('the categories a scope covers are the ones named and all below them', () => {
    expect(coveredCategories(TREE, ['tea'])).toEqual(['green', 'tea']);
    expect(coveredCategories(TREE, ['drinks', 'gone'])).toEqual(['drinks', 'gone', 'green', 'tea', 'water']);
    expect(coveredCategories(TREE, [])).toEqual([]);
    expect(unknownCategories(TREE, ['tea', 'gone', 'gone', 'nope'])).toEqual(['gone', 'nope']);
  });

  test('property: covered by a scope ⇔ the category or one of its ancestors is named', () => {
    const ids = ['drinks', 'tea', 'green', 'water', 'snack', 'gone'];
    fc.assert(
      fc.property(fc.subarray(ids), fc.constantFrom(...ids), (scope, c) => {
        const named = new Set(scope);
        expect(inCategoryScope(TREE, c, named)).toBe(categoryLineage(TREE, c).some((x) => named.has(x)));
        expect(coveredCategories(TREE, scope).includes(c)).toBe(inCategoryScope(TREE, c, named));
      }),
    );
  });
});

describe('every rule reads categories through it', () => {
  test('a promotion on a parent category prices a product of its child category', () => {
    const product = { ...CATALOG[0]!, categoryId: 'green' };
    const rule = ruleSchema.parse({
      code: 'line_percent_off',
      id: 'p',
      name: '饮料 9 折',
      products: { categoryIds: ['drinks'] },
      args: { percentOffBp: 1000 },
    });
    const input = { dealer: dealerA, lines: [{ sku: product.sku, qty: product.moq }], catalog: [product], now: NOW };
    expect(quote(input, indexRules([rule], TREE)).promotions.map((p) => p.ruleId)).toEqual(['p']);
    expect(quote(input, indexRules([rule], NO_CATEGORIES)).promotions).toEqual([]);
  });

  test('a rebate scope on a parent counts its children; an excluded child wins over an included parent', () => {
    const agg = accrue(emptyAggregate('d1', '2025-03'), {
      ref: 'o1',
      dealerId: 'd1',
      at: Date.UTC(2025, 2, 10),
      lines: [
        { sku: 'G', categoryId: 'green', qty: 2, payable: 200 },
        { sku: 'W', categoryId: 'water', qty: 3, payable: 30 },
        { sku: 'S', categoryId: 'snack', qty: 5, payable: 500 },
      ],
    });
    const scope = (s: object) => scopeSchema.parse(s);
    expect(scopedTotals(agg, scope({ includeCategories: ['drinks'] }), TREE)).toEqual({ amount: 230, qty: 5 });
    expect(scopedTotals(agg, scope({ includeCategories: ['drinks'], excludeCategories: ['tea'] }), TREE)).toEqual({ amount: 30, qty: 3 });
    expect(scopedTotals(agg, scope({ excludeCategories: ['drinks'] }), TREE)).toEqual({ amount: 500, qty: 5 });
    expect(scopedTotals(agg, scope({ includeSkus: ['S'], includeCategories: ['tea'] }), TREE)).toEqual({ amount: 700, qty: 7 });
    expect(scopedTotals(agg, scope({ includeCategories: ['drinks'] }))).toEqual({ amount: 0, qty: 0 });
  });

  test('a category_in approval rule on a parent matches a line of its child and names the parent', () => {
    const rule = approvalRuleSchema.parse({
      code: 'category_in',
      id: 'a',
      name: '饮料审批',
      args: { categoryIds: ['drinks'] },
      steps: [{ role: 'manager', label: '经理' }],
    });
    const facts: ApprovalFacts = {
      payable: 1,
      listTotal: 1,
      lines: [{ sku: 'G-1', categoryId: 'green' }],
      categories: TREE,
      dealer: { level: 'A', joinedAt: 0, orderCount: 9 },
      credit: { limit: 0, used: 0, reserved: 0 },
      now: NOW,
    };
    expect(evaluateApproval(facts, [rule]).matched.map((m) => m.explanation)).toEqual(['订单含品类「饮料」的商品：G-1']);
    expect(evaluateApproval({ ...facts, categories: NO_CATEGORIES }, [rule]).required).toBe(false);
  });
});
