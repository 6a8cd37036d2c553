import { regionOfDivision, screen } from '@shared/admission';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { PUBLIC } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { loadFacts } from '../facts';
import { notifyApplicant } from '../notify';
import { currentRuleSet, rulesOf } from '../rule-set';
import { saveApplication } from '../save-application';
import { applicationView } from '../views';

/**
 * 申请加盟 from any WeChat user without an account: the facts are loaded, the rule set screens the
 * application (shared/admission) and it is saved with its screening, every rule's contribution
 * kept for the reviewer. With `applicationId` it is the applicant's resend after 需补充资料.
 */
export const apply = defineAction(contracts.dealers.apply, [PUBLIC], async ({ applicationId, form }, { caller, db, now }) => {
  if (!caller.openid) return new Refusal('FORBIDDEN', '请在微信小程序中申请加盟');
  if (caller.user) return new Refusal('CONFLICT', '当前微信已绑定账号，无需再申请加盟');
  const region = regionOfDivision(form.province.code);
  if (!region) return new Refusal('INVALID_INPUT', '所在省份不在经营范围内', { issues: [{ path: 'form.province', message: '未知的省份', code: 'custom' }] });
  const [set, facts] = await Promise.all([currentRuleSet(db), loadFacts(db, form, region)]);
  const { version, rules } = rulesOf(set);
  const screening = { ...screen(rules, facts), ruleSetVersion: version };
  const openid = caller.openid;
  const saved = await db.transaction((tx) => saveApplication(tx, { openid, applicationId, form, region, screening, now }));
  if (saved instanceof Refusal) return saved;
  if (saved.status === 'rejected' && saved.submittedAt === now) await notifyApplicant(db, saved, now);
  return { application: applicationView(saved) };
});
