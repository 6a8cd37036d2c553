import { z } from 'zod';
import { fenArg, multiplyRatio, roundingArg, ruleBaseShape, windowCheck } from '../rule-kit';
import type { PriceDefinition } from '../rule-kit';

/**
 * 价格表: the dealer's price per base unit, derived from the list price. Target it by level
 * (一级经销商价), by region (华东价) or both (华东一级经销商价) through `dealers`, and by SKU or
 * category through `products`. When several apply to a line: the highest priority wins; at equal
 * priority the more specific targeting (dealer > level+region > level or region > all, then
 * SKU > category > all), then the lower price, then the smaller id.
 *
 * - fixed: `price` fen per base unit.
 * - percent_of_list: `percentBp` basis points of the list price (9000 = 90 %), rounded with `rounding`.
 * - amount_off: `amountOff` fen per base unit below the list price (never below zero).
 */
const args = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('fixed'), price: fenArg }),
  z.strictObject({
    method: z.literal('percent_of_list'),
    percentBp: z.number().int().min(0).max(100_000),
    rounding: roundingArg,
  }),
  z.strictObject({ method: z.literal('amount_off'), amountOff: fenArg }),
]);

const schema = z.strictObject({ code: z.literal('price_list'), ...ruleBaseShape, args }).refine(...windowCheck);

export type PriceListArgs = z.output<typeof args>;

export function priceListUnitPrice(a: PriceListArgs, listPrice: number): number {
  switch (a.method) {
    case 'fixed':
      return a.price;
    case 'percent_of_list':
      return multiplyRatio(listPrice, a.percentBp, 10_000, a.rounding);
    case 'amount_off':
      return Math.max(0, listPrice - a.amountOff);
  }
}

export const priceList = {
  code: 'price_list',
  title: '价格表',
  kind: 'price',
  stage: 'price_list',
  schema,
  example: {
    code: 'price_list',
    id: 'pl-east-a',
    name: '华东一级经销商价',
    dealers: { levels: ['A'], regions: ['east'] },
    args: { method: 'percent_of_list', percentBp: 8800, rounding: 'half_up' },
  },
  price(rule, line) {
    return { amount: priceListUnitPrice(rule.args, line.listPrice) * line.qty, note: null };
  },
} satisfies PriceDefinition<'price_list', typeof schema>;
