import { z } from 'zod';
import type { AdmissionRuleDefinition } from '../types';

/**
 * 区域配额 (防窜货): at most `maxPerLevel[level]` active dealers of a level in one sales region, so
 * dealers of a level do not undercut each other across a crowded region. A full quota rejects;
 * a level without a quota passes.
 */
const args = z.strictObject({ maxPerLevel: z.record(z.string().min(1).max(8), z.number().int().min(0).max(100_000)) });

export const regionQuota = {
  code: 'region_quota',
  title: '区域配额（防窜货）',
  args,
  example: { maxPerLevel: { A: 5, B: 40, C: 200 } },
  evaluate(a, f) {
    const max = a.maxPerLevel[f.desiredLevel];
    const have = f.regionDealersByLevel[f.desiredLevel] ?? 0;
    if (max === undefined) return { outcome: 'pass', points: 0, note: '该级别不设区域配额' };
    if (have >= max) return { outcome: 'reject', points: 0, note: `本大区该级别经销商已满（${have}/${max}）` };
    return { outcome: 'pass', points: 10, note: `本大区该级别尚有名额（${have}/${max}）` };
  },
} satisfies AdmissionRuleDefinition<'region_quota', typeof args>;
