import { z } from 'zod';
import { fenArg, ruleBaseShape, windowCheck } from '../rule-kit';
import type { PriceDefinition } from '../rule-kit';

/**
 * 合同价: a price per base unit agreed with named dealers for named SKUs. It beats every price
 * list (it is applied after them). `dealers.dealerIds` and `products.skus` must not be empty.
 */
const args = z.strictObject({ price: fenArg });

const schema = z
  .strictObject({ code: z.literal('contract_price'), ...ruleBaseShape, args })
  .refine(...windowCheck)
  .refine((r) => r.dealers.dealerIds.length > 0, { message: '合同价必须指定经销商 (dealers.dealerIds)', path: ['dealers', 'dealerIds'] })
  .refine((r) => r.products.skus.length > 0, { message: '合同价必须指定商品 (products.skus)', path: ['products', 'skus'] });

export const contractPrice = {
  code: 'contract_price',
  title: '合同价',
  kind: 'price',
  stage: 'contract',
  schema,
  example: {
    code: 'contract_price',
    id: 'ct-2025-hz01-tea1',
    name: '2025 年度合同价',
    validFrom: 1735660800000,
    validTo: 1767196800000,
    dealers: { dealerIds: ['dealer-hz-01'] },
    products: { skus: ['TEA-LJ-250'] },
    args: { price: 3900 },
  },
  price(rule, line) {
    return { amount: rule.args.price * line.qty, note: null };
  },
} satisfies PriceDefinition<'contract_price', typeof schema>;
