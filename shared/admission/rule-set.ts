import { z } from 'zod';
import { ADMISSION_RULES } from './rules';
import type { AdmissionRuleCode } from './rules';
import type { ConfiguredRule } from './types';

const CODES = Object.keys(ADMISSION_RULES) as [AdmissionRuleCode, ...AdmissionRuleCode[]];

/**
 * A rule set as an admin edits it (dealers.setAdmissionRules): each rule at most once, by its
 * stable code, with args its own zod schema accepts (quotas per level, minimum stores and sales,
 * required documents, the blacklist rule). A rule left out does not screen. Issues name the
 * rule's place and field (rules.0.args.maxPerLevel.B).
 */
export const admissionRulesSchema = z
  .array(z.strictObject({ code: z.enum(CODES), args: z.unknown() }))
  .min(1)
  .max(CODES.length)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `规则 ${rule.code} 重复` });
      seen.add(rule.code);
      const parsed = (ADMISSION_RULES[rule.code].args as z.ZodType).safeParse(rule.args);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: 'custom', path: [i, 'args', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message });
    });
  });

/**
 * The admission rule set (`admission_rule_sets`): `current` is the one screening uses, and each
 * saved version is also kept as `v<version>`, so an application's screening (which records the
 * version that judged it) can be read against the rules of its day. Version 0 is the built-in
 * DEFAULT_ADMISSION_RULES, used until an admin saves one.
 */
export interface AdmissionRuleSetDoc {
  version: number;
  rules: ConfiguredRule[];
  /** Why it was changed, as the admin said (audited too). */
  reason: string;
  savedAt: number;
  savedBy: string;
}
