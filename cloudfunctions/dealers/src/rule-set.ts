import type { AdmissionRuleSetDoc, ConfiguredRule } from '@shared/admission';
import { ADMISSION_RULES, DEFAULT_ADMISSION_RULES } from '@shared/admission';
import type { AdmissionRuleSetView } from '@shared/contracts';
import type { Db } from '../../_kit/db';

/** The id of the set screening uses; each saved version is also kept as `v<version>`. */
export const CURRENT = 'current';

/** The rule set screening uses now: the stored one, else the built-in defaults as version 0. */
export async function currentRuleSet(db: Db): Promise<AdmissionRuleSetDoc | null> {
  return db.getById('admission_rule_sets', CURRENT);
}

export function rulesOf(set: AdmissionRuleSetDoc | null): { version: number; rules: readonly ConfiguredRule[] } {
  return set ? { version: set.version, rules: set.rules } : { version: 0, rules: DEFAULT_ADMISSION_RULES };
}

export function ruleSetView(set: AdmissionRuleSetDoc | null): AdmissionRuleSetView {
  const { version, rules } = rulesOf(set);
  const titled = rules.map((r) => ({ code: r.code, title: (ADMISSION_RULES as Record<string, { title: string }>)[r.code]?.title ?? r.code, args: r.args }));
  return { version, rules: titled, reason: set?.reason ?? null, savedAt: set?.savedAt ?? null, savedBy: set?.savedBy ?? null };
}
