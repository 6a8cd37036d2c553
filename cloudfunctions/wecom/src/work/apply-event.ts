import type { Attribution, ContactEvent, FollowUp } from '@shared/wecom';
import { applyEvent } from '@shared/wecom';
import { neverRefused } from '../../../_kit/db';
import { resolveCode } from '../../../_capabilities/campaign-codes';
import { newJob } from '../queue';
import type { JobHandler } from './context';

export function followUpId(jobId: string, f: FollowUp): string {
  return f.kind === 'tag_relation' ? `${jobId}:tag:${f.userId}` : `${jobId}:sync`;
}

/**
 * Apply a received event to its customer's record. The record, the follow-up jobs and this job's
 * `done` are written in one transaction: an event is applied exactly once even if two instances
 * ran it, or an instance died half way.
 */
export const applyEventJob: JobHandler = async (job, { db, now }) => {
  const event = job.payload['event'] as ContactEvent;
  // Attribution is read outside the transaction: codes and the staff directory do not change under us.
  const code = event.state ? await resolveCode(db, event.state) : null;
  const staff = await db.getById('wecom_staff', event.userId);
  const attribution: Attribution = { code, staff: staff ? { clerkId: staff.clerkId, dealerId: staff.dealerId } : null };

  const done = await db.transaction(async (tx) => {
    const mine = await tx.get('wecom_jobs', job._id);
    if (!mine || mine.status !== 'running' || mine.attempts !== job.attempts) return { result: { skipped: 'claimed elsewhere' }, completed: true };
    const current = await tx.get('wecom_customers', event.externalUserId);
    const applied = applyEvent(current, event, attribution, now);
    await tx.set('wecom_customers', event.externalUserId, applied.record);
    const ids: string[] = [];
    for (const f of applied.followUps) {
      const id = followUpId(job._id, f);
      if (!(await tx.get('wecom_jobs', id))) await tx.set('wecom_jobs', id, newJob(f.kind, { ...f }, now));
      ids.push(id);
    }
    const result = { note: applied.note, code: code ? code.campaignId : null };
    await tx.update('wecom_jobs', job._id, { status: 'done', lockedUntil: 0, doneAt: now, updatedAt: now, result, lastError: null });
    return { result, followUps: ids, completed: true };
  });
  return neverRefused(done);
};
