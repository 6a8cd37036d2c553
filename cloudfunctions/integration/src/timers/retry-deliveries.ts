import type { Db } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { deliverDue } from '../delivery/deliver';
import { TIMER_BUDGET_MS } from '../delivery/policy';
import { keyProblem } from '../delivery/secrets';

/**
 * The retry timer (config.json: every minute, CloudBase's finest granularity): due retries, leases
 * that ran out, and events whose kick was lost. Short waits are retried inside the invocation that
 * failed (delivery/policy IN_PROCESS_WAIT_MS), so a minute is only ever the wait of a long backoff.
 */
export async function retryDeliveries(db: Db): Promise<unknown> {
  const problem = keyProblem();
  if (problem) {
    log.error('webhook retry timer: not configured', { problem });
    throw new Error(problem);
  }
  return deliverDue(db, TIMER_BUDGET_MS);
}
