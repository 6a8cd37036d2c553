import { z } from 'zod';
import type { AdmissionRuleDefinition } from '../types';

/** 黑名单: a credit code on the brand's blacklist (dealer_blacklist) is rejected with the entry's reason. */
const args = z.strictObject({});

export const blacklist = {
  code: 'blacklist',
  title: '黑名单',
  args,
  example: {},
  evaluate(_a, f) {
    if (f.blacklisted) return { outcome: 'reject', points: 0, note: `该企业在黑名单中：${f.blacklisted.reason}` };
    return { outcome: 'pass', points: 0, note: '不在黑名单中' };
  },
} satisfies AdmissionRuleDefinition<'blacklist', typeof args>;
