import { randomBytes } from 'node:crypto';
import type { Screening } from '@shared/admission';
import type { ApplicationDoc, ApplicationForm } from '@shared/admission/stored';
import type { Stored, Tx } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { audit } from '../../_kit/audit';
import { holdCreditCode, isOpen, releaseCreditCode, statusOf } from './decide';

export interface Sent {
  openid: string;
  applicationId: string | undefined;
  form: ApplicationForm;
  region: string;
  screening: Screening;
  now: number;
}

/**
 * Save an application (new, or the applicant's resend of one that needs more information) and
 * hold its credit code, in one transaction. A first send whose code the same applicant's
 * unreviewed application already holds is a retry: the saved one is answered, nothing is added.
 */
export async function saveApplication(tx: Tx, s: Sent): Promise<Stored<ApplicationDoc>> {
  const before = s.applicationId ? await tx.get('dealer_applications', s.applicationId) : null;
  if (s.applicationId && (!before || before.applicantOpenid !== s.openid)) refuse('NOT_FOUND', '申请不存在');
  if (before && before.status !== 'needs_info') refuse('CONFLICT', '只有「需补充资料」的申请可以修改后重新提交');
  if (!before) {
    const holder = (await tx.get('credit_codes', s.form.creditCode))?.openApplicationId;
    const held = holder ? await tx.get('dealer_applications', holder) : null;
    if (held && held.applicantOpenid === s.openid && held.status === 'submitted') return held;
  }
  const id = s.applicationId ?? `app-${s.now.toString(36)}-${randomBytes(4).toString('hex')}`;
  const status = statusOf(s.screening);
  if (before && before.creditCode !== s.form.creditCode) await releaseCreditCode(tx, before.creditCode, id, true, s.now);
  await holdCreditCode(tx, s.form.creditCode, id, isOpen(status), s.now);
  const doc: ApplicationDoc = {
    ...s.form,
    applicantOpenid: s.openid,
    region: s.region,
    status,
    screening: s.screening,
    requested: status === 'needs_info' ? `请补充：${s.screening.missing.join('、')}` : null,
    decision: status === 'rejected' ? { by: 'screening', at: s.now, reason: s.screening.reasons.join('；'), dealerId: null } : null,
    submittedAt: s.now,
    updatedAt: s.now,
    rounds: (before?.rounds ?? 0) + 1,
  };
  await tx.set('dealer_applications', id, doc);
  const after = { status, score: s.screening.score };
  await audit(tx, {
    action: 'dealers.apply',
    target: { coll: 'dealer_applications', id },
    actorId: s.openid,
    at: s.now,
    before: before ? { status: before.status } : null,
    after,
  });
  return { ...doc, _id: id };
}
