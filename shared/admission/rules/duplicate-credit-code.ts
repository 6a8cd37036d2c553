import { z } from 'zod';
import type { AdmissionRuleDefinition } from '../types';

/**
 * 信用代码重复: the code already belongs to a dealer, or was in an earlier (closed) application.
 * It is not a rejection — a company may open a second business — but a person must look: it goes
 * to review with the reason shown, and costs `penalty` points. (Two open applications of one code
 * are refused when the second is sent.)
 */
const args = z.strictObject({ penalty: z.number().int().min(0).max(100) });

export const duplicateCreditCode = {
  code: 'duplicate_credit_code',
  title: '统一社会信用代码重复',
  args,
  example: { penalty: 30 },
  evaluate(a, f) {
    if (f.dealersWithCode.length > 0) {
      return { outcome: 'review', points: -a.penalty, note: `统一社会信用代码重复：已是经销商「${f.dealersWithCode.join('、')}」` };
    }
    if (f.earlierApplications > 0) return { outcome: 'review', points: -a.penalty, note: `统一社会信用代码重复：此前已申请 ${f.earlierApplications} 次` };
    return { outcome: 'pass', points: 0, note: '信用代码未重复' };
  },
} satisfies AdmissionRuleDefinition<'duplicate_credit_code', typeof args>;
