import { z } from 'zod';
import { categoryName, requiredCategoriesSchema, scopeCategoryOf } from '../kit';
import { approvalRuleBaseShape } from './kit';
import type { ApprovalRuleDefinition } from './kit';

/**
 * 指定品类: the order contains at least one line of a listed category or of a category below one
 * (gift lines count too). The explanation names the listed category each line fell under.
 */
const schema = z.strictObject({
  code: z.literal('category_in'),
  ...approvalRuleBaseShape,
  args: z.strictObject({
    categoryIds: requiredCategoriesSchema,
  }),
});

/** How many SKUs an explanation names before it says 等 N 个. */
const SHOWN = 3;

export const categoryIn = {
  code: 'category_in',
  title: '指定品类',
  schema,
  example: {
    code: 'category_in',
    id: 'apr-cat-liquor',
    name: '酒类订单审批',
    args: { categoryIds: ['cat-liquor'] },
    steps: [{ role: 'admin', label: '品牌审批' }],
  },
  match(args, facts) {
    const wanted = new Set(args.categoryIds);
    const hits = facts.lines.flatMap((l) => {
      const under = scopeCategoryOf(facts.categories, l.categoryId, wanted);
      return under === null ? [] : [{ sku: l.sku, under }];
    });
    if (hits.length === 0) return null;
    const categories = [...new Set(hits.map((h) => categoryName(facts.categories, h.under)))];
    const skus = [...new Set(hits.map((l) => l.sku))];
    const named = skus.slice(0, SHOWN).join('、') + (skus.length > SHOWN ? ` 等 ${skus.length} 个` : '');
    return `订单含品类「${categories.join('、')}」的商品：${named}`;
  },
} satisfies ApprovalRuleDefinition<'category_in', typeof schema>;
