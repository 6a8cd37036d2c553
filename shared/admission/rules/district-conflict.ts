import { z } from 'zod';
import type { AdmissionRuleDefinition } from '../types';

/**
 * 同区县同级别: an active dealer of the same level already serves the district. Two of a level in
 * one district compete for the same stores, so a person decides; it costs `penalty` points.
 */
const args = z.strictObject({ penalty: z.number().int().min(0).max(100) });

export const districtConflict = {
  code: 'district_conflict',
  title: '同区县同级别经销商',
  args,
  example: { penalty: 15 },
  evaluate(a, f) {
    if (f.districtDealersAtLevel.length > 0) {
      return { outcome: 'review', points: -a.penalty, note: `同区县已有同级别经销商：${f.districtDealersAtLevel.slice(0, 3).join('、')}` };
    }
    return { outcome: 'pass', points: 10, note: '同区县无同级别经销商' };
  },
} satisfies AdmissionRuleDefinition<'district_conflict', typeof args>;
