import { OPEN_APPLICATION_STATUSES } from '@shared/admission/stored';
import type { ApplicationDoc, ApplicationStatus } from '@shared/admission/stored';
import type { Screening } from '@shared/admission';
import type { Stored, Tx } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { audit } from '../../_kit/audit';

/** Screening's outcome as the application's status: an automatic rejection closes it at once. */
export function statusOf(screening: Screening): ApplicationStatus {
  return screening.outcome === 'rejected' ? 'rejected' : screening.outcome === 'needs_info' ? 'needs_info' : 'submitted';
}

export const isOpen = (status: ApplicationStatus): boolean => OPEN_APPLICATION_STATUSES.includes(status);

/**
 * Claim (or release) a credit code for an application inside the transaction that saves it: a
 * second open application of one code is refused here, where two concurrent sends cannot both pass.
 */
export async function holdCreditCode(tx: Tx, code: string, applicationId: string, open: boolean, now: number): Promise<void> {
  const held = await tx.get('credit_codes', code);
  if (held?.openApplicationId && held.openApplicationId !== applicationId) {
    refuse('CONFLICT', '该统一社会信用代码已有一份进行中的申请，请等待审核结果', { applicationId: held.openApplicationId });
  }
  const closed = (held?.closedApplications ?? 0) + (open ? 0 : 1);
  await tx.set('credit_codes', code, {
    openApplicationId: open ? applicationId : null,
    closedApplications: closed,
    dealerId: held?.dealerId ?? null,
    updatedAt: now,
  });
}

/** Release the code an application held (its code changed on a resend, or it closed). */
export async function releaseCreditCode(tx: Tx, code: string, applicationId: string, closed: boolean, now: number, dealerId?: string): Promise<void> {
  const held = await tx.get('credit_codes', code);
  if (!held || held.openApplicationId !== applicationId) return;
  await tx.set('credit_codes', code, {
    openApplicationId: null,
    closedApplications: held.closedApplications + (closed ? 1 : 0),
    dealerId: dealerId ?? held.dealerId,
    updatedAt: now,
  });
}

/** Load an application for a reviewer's decision: it must exist and still be open (`allowed`). */
export async function openApplication(tx: Tx, id: string, allowed: readonly ApplicationStatus[]): Promise<Stored<ApplicationDoc>> {
  const app = await tx.get('dealer_applications', id);
  if (!app) refuse('NOT_FOUND', '申请不存在');
  if (!allowed.includes(app.status)) refuse('CONFLICT', `申请当前状态为「${app.status}」，不能执行此操作`, { status: app.status });
  return app;
}

/** Save a reviewer's decision on an application, audited with the reviewer and reason. */
export async function decideApplication(
  tx: Tx,
  app: Stored<ApplicationDoc>,
  patch: Partial<ApplicationDoc>,
  p: { action: string; actorId: string; now: number; reason: string | null },
): Promise<Stored<ApplicationDoc>> {
  const next: Stored<ApplicationDoc> = { ...app, ...patch, updatedAt: p.now };
  await tx.set('dealer_applications', app._id, next);
  await audit(tx, {
    action: p.action,
    target: { coll: 'dealer_applications', id: app._id },
    actorId: p.actorId,
    at: p.now,
    before: { status: app.status },
    after: { status: next.status, decision: next.decision, requested: next.requested },
    ...(p.reason ? { reason: p.reason } : {}),
  });
  return next;
}
