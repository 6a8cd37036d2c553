import { z } from 'zod';
import { fenArg, formatFen, promotionShape, windowCheck } from '../rule-kit';
import type { Application, LinePromotionDefinition } from '../rule-kit';

/**
 * 特价: eligible lines at `price` fen per base unit — only when that is lower than what the line
 * costs now (a promotion never raises a price).
 */
const args = z.strictObject({ price: fenArg });

const schema = z.strictObject({ code: z.literal('special_price'), ...promotionShape, args }).refine(...windowCheck);

export const specialPrice = {
  code: 'special_price',
  title: '特价',
  kind: 'line_promotion',
  schema,
  example: {
    code: 'special_price',
    id: 'promo-clearance-0301',
    name: '清仓特价',
    products: { skus: ['TEA-OLD-2023'] },
    usageLimitPerDealer: 3,
    args: { price: 1990 },
  },
  applications(rule, lines) {
    const out: Application[] = [];
    for (const line of lines) {
      const saved = line.amount - rule.args.price * line.qty;
      if (saved > 0) out.push({ lines: [{ index: line.index, saved }], gifts: [], saved, times: 1, note: `特价 ${formatFen(rule.args.price)}` });
    }
    return out;
  },
} satisfies LinePromotionDefinition<'special_price', typeof schema>;
