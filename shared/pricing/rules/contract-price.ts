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
  price(rule, line) {
    return { amount: rule.args.price * line.qty, note: null };
  },
} satisfies PriceDefinition<'contract_price', typeof schema>;
