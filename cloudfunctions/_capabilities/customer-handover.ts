import type { JobDoc } from '@shared/documents';
import type { Db } from '../_kit/db';
import { isDuplicateKey } from '../_kit/sdk';

export interface HandoverRequest {
  /** users._id of the clerk leaving. */
  clerkId: string;
  /** The WeCom member who takes their customers over; null: nobody named yet. */
  takeoverWecomUserId: string | null;
  by: string;
  now: number;
}

/**
 * Start the WeCom customer hand-over (离职继承) of a clerk who leaves a dealer: a customer_handover
 * job in the wecom queue, which the wecom function runs with exactly wecom.transferCustomers's
 * steps (retried with backoff when WeCom fails). The job id is derived from the two members and
 * added, never overwritten, so asking twice queues one hand-over.
 * https://developer.work.weixin.qq.com/document/path/94081 (分配离职成员的客户)
 */
export async function requestCustomerHandover(db: Db, r: HandoverRequest): Promise<{ started: boolean; note: string }> {
  const member = (await db.find('wecom_staff', { clerkId: r.clerkId }, { limit: 1 }))[0];
  if (!member) return { started: false, note: '该导购没有企业微信成员记录，无需交接客户' };
  if (!r.takeoverWecomUserId) return { started: false, note: `未指定接替成员：请为企业微信成员 ${member._id} 指定接替人后交接客户` };
  const job: JobDoc = {
    kind: 'customer_handover',
    payload: { handoverUserId: member._id, takeoverUserId: r.takeoverWecomUserId, mode: 'resigned', by: r.by },
    status: 'pending',
    attempts: 0,
    nextAt: r.now,
    lockedUntil: 0,
    lastError: null,
    createdAt: r.now,
    updatedAt: r.now,
    doneAt: null,
    result: null,
  };
  try {
    await db.add('wecom_jobs', { _id: `handover:${member._id}:${r.takeoverWecomUserId}`, ...job });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  return { started: true, note: `已发起企业微信客户交接：${member._id} → ${r.takeoverWecomUserId}` };
}
