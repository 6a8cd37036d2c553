import { Refusal } from '@shared/envelope';
import type { TransferMode } from '@shared/wecom';
import { runTransfer } from '../actions/transfer-customers';
import type { JobHandler } from './context';

/**
 * A clerk removed by their dealer (dealers.removeStaff, through _capabilities/customer-handover):
 * their WeCom customers go to the takeover member by the same steps as wecom.transferCustomers.
 * A refusal (takeover member unknown, WeCom not configured) fails the job, which retries with
 * backoff and ends dead with the reason: it never loses the request.
 */
export const customerHandoverJob: JobHandler = async (job, { db, now }) => {
  const h = {
    handoverUserId: String(job.payload['handoverUserId']),
    takeoverUserId: String(job.payload['takeoverUserId']),
    mode: (job.payload['mode'] as TransferMode | undefined) ?? 'resigned',
  };
  const run = await runTransfer(db, h, false, now, String(job.payload['by'] ?? 'system'));
  if (run instanceof Refusal) throw new Error(`${run.code}: ${run.message}`);
  return { result: { runId: run.runId, started: run.started, refused: run.refused, skipped: run.skipped } };
};
