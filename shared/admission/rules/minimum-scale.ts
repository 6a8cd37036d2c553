import { z } from 'zod';
import type { AdmissionRuleDefinition } from '../types';

/**
 * 最低规模: at least `minStores` stores and `minAnnualSalesFen` annual sales, else rejected. Above
 * the minimum, points grow with sales up to `maxPoints` at `fullPointsSalesFen`.
 */
const args = z.strictObject({
  minStores: z.number().int().min(0).max(100_000),
  minAnnualSalesFen: z.number().int().min(0),
  fullPointsSalesFen: z.number().int().min(1),
  maxPoints: z.number().int().min(0).max(100),
});

/** Fen as 万元 with at most two decimals (1 万元 = 1,000,000 fen). */
const yuan = (fen: number) => `${Math.round(fen / 10_000) / 100} 万元`;

export const minimumScale = {
  code: 'minimum_scale',
  title: '最低门店数与销售额',
  args,
  example: { minStores: 1, minAnnualSalesFen: 50_000_000, fullPointsSalesFen: 1_000_000_000, maxPoints: 30 },
  evaluate(a, f) {
    if (f.stores < a.minStores) return { outcome: 'reject', points: 0, note: `门店数 ${f.stores} 家，低于要求的 ${a.minStores} 家` };
    if (f.annualSalesFen < a.minAnnualSalesFen)
      return { outcome: 'reject', points: 0, note: `年销售额 ${yuan(f.annualSalesFen)}，低于要求的 ${yuan(a.minAnnualSalesFen)}` };
    const points = Math.round(a.maxPoints * Math.min(1, f.annualSalesFen / a.fullPointsSalesFen));
    return { outcome: 'pass', points, note: `门店 ${f.stores} 家，年销售额 ${yuan(f.annualSalesFen)}` };
  },
} satisfies AdmissionRuleDefinition<'minimum_scale', typeof args>;
