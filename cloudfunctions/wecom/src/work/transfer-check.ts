import type { TransferMode } from '@shared/wecom';
import { completeTransfer, failTransfer } from '@shared/wecom';
import { newJob } from '../queue';
import type { JobHandler } from './context';

/** WeCom's transfer_result statuses. */
const DONE = 1;
const WAITING = 2;
const REASONS: Record<number, string> = { 3: 'customer_refused', 4: 'customer_limit_exceed', 5: 'no_transfer_record' };
/** How often to ask again while WeCom still waits for the 24-hour takeover. */
const RECHECK_MS = 6 * 3_600_000;

/**
 * After a hand-over WeCom completes each customer's takeover about 24 hours later (or the customer
 * refuses). Ask transfer_result and bring the records up to date: the takeover relation becomes
 * active and is tagged for its new clerk, or the customer stays with the handover clerk.
 */
export const transferCheckJob: JobHandler = async (job, { db, api, now }) => {
  const mode = job.payload['mode'] as TransferMode;
  const handover = String(job.payload['handoverUserId']);
  const takeover = String(job.payload['takeoverUserId']);
  const asked = new Set(job.payload['externalUserIds'] as string[]);
  let cursor = '';
  const counts = { succeeded: 0, failed: 0, waiting: 0 };
  const followUps: string[] = [];
  do {
    const page = await api.transferResult(mode, handover, takeover, cursor);
    for (const c of page.customer) {
      if (!asked.has(c.external_userid)) continue;
      if (c.status === WAITING) {
        counts.waiting++;
        continue;
      }
      await db.transaction(async (tx) => {
        const current = await tx.get('wecom_customers', c.external_userid);
        if (!current || !current.transfers.some((t) => t.runId === job.payload['runId'] && t.outcome === 'started')) return;
        const next =
          c.status === DONE
            ? completeTransfer(current, handover, takeover, now)
            : failTransfer(current, takeover, REASONS[c.status] ?? `status_${c.status}`, now);
        await tx.set('wecom_customers', c.external_userid, next);
        if (c.status === DONE) {
          // The new clerk's relation gets its own tags (its clerk, the channel, the campaign), in
          // place of the clerk tag the customer carried from the one who left; queued with the record.
          const tagJob = `${job._id}:tag:${c.external_userid}`;
          if (!(await tx.get('wecom_jobs', tagJob))) {
            await tx.set(
              'wecom_jobs',
              tagJob,
              newJob('tag_relation', { kind: 'tag_relation', externalUserId: c.external_userid, userId: takeover, replacesUserId: handover }, now),
            );
          }
          followUps.push(tagJob);
        }
      });
      if (c.status === DONE) counts.succeeded++;
      else counts.failed++;
    }
    cursor = page.next_cursor;
  } while (cursor);
  if (counts.waiting > 0) return { result: counts, rescheduleAt: now + RECHECK_MS, followUps };
  return { result: counts, followUps };
};
