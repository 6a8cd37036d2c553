import type { AdmissionRuleSetDoc } from '@shared/admission';
import { admissionRulesSchema } from '@shared/admission';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { CURRENT, rulesOf, ruleSetView } from '../rule-set';

/**
 * Replace the admission rule set, audited with the reason: checked rule by rule with each rule's
 * own schema (a wrong arg is INVALID_INPUT naming it, nothing saved), saved as the next version
 * (kept as v<n> too) only if the version read is still current; the next screening uses it and
 * records its version.
 */
export const setAdmissionRules = defineAction(contracts.dealers.setAdmissionRules, ['admin', CONSOLE], async (input, { caller, db, now }) => {
  const checked = admissionRulesSchema.safeParse(input.rules);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({ path: ['rules', ...i.path].map(String).join('.'), message: i.message, code: 'custom' }));
    return new Refusal('INVALID_INPUT', `准入规则有误：${issues[0]!.message}（${issues[0]!.path}）`, { issues });
  }
  const saved = await db.transaction(async (tx) => {
    const current = await tx.get('admission_rule_sets', CURRENT);
    const version = rulesOf(current).version;
    if (version !== input.expectedVersion) refuse('CONFLICT', `准入规则已被改为第 ${version} 版，请重新读取后再改`, { version });
    const next: AdmissionRuleSetDoc = { version: version + 1, rules: checked.data, reason: input.reason, savedAt: now, savedBy: caller.actorId };
    await tx.set('admission_rule_sets', CURRENT, next);
    await tx.set('admission_rule_sets', `v${next.version}`, next);
    const target = { coll: 'admission_rule_sets', id: CURRENT };
    await audit(tx, { action: 'dealers.setAdmissionRules', target, actorId: caller.actorId, at: now, before: current, after: next, reason: input.reason });
    return next;
  });
  return saved instanceof Refusal ? saved : ruleSetView(saved);
});
