import { requestCustomerHandover } from '../../../_capabilities/customer-handover';
import type { Db } from '../../../_kit/db';
import type { StepContext, StepRunner } from './context';

/** The WeCom member who takes the customers over: the successor dealer's first active member, or the one named for the brand. */
async function takeoverOf(ctx: StepContext): Promise<string | null> {
  if (ctx.doc.successor.kind === 'dealer') {
    const staff = await ctx.db.find('wecom_staff', { dealerId: ctx.doc.successor.dealerId, status: 'active' }, { limit: 1 });
    if (staff[0]) return staff[0]._id;
  }
  return ctx.takeoverWecomUserId;
}

/**
 * Where the members' customers stand: still with one of them (a hand-over to ask for), handed over
 * and waiting for WeCom's takeover (transferring), or moved (WeCom's transfer result said the
 * takeover completed: transferred_out). A customer who deleted the relation has nothing to move.
 */
async function customersOf(db: Db, members: readonly string[]): Promise<{ moved: number; waiting: number; staying: number }> {
  const seen = new Set<string>();
  const counts = { moved: 0, waiting: 0, staying: 0 };
  for (const userId of members) {
    for (const c of await db.findAll('wecom_customers', { 'relations.userId': userId })) {
      if (seen.has(c._id)) continue;
      seen.add(c._id);
      const theirs = c.relations.filter((r) => members.includes(r.userId));
      if (theirs.some((r) => r.status === 'active')) counts.staying++;
      else if (theirs.some((r) => r.status === 'transferring')) counts.waiting++;
      else if (theirs.some((r) => r.status === 'transferred_out')) counts.moved++;
    }
  }
  return counts;
}

/**
 * WeCom customers transferred to the successor's clerks through the WeCom customer hand-over
 * (_capabilities/customer-handover: the wecom function's queue runs 离职继承 for each member, with
 * wecom.transferCustomers's steps). A customer counts as moved only once WeCom's transfer result
 * says the takeover completed (about 24 hours after the hand-over, unless the customer refuses:
 * https://developer.work.weixin.qq.com/document/path/94082 查询离职客户接替状态); until every customer
 * is moved the step stays blocked, saying what it waits for, and running the offboarding again retries it.
 */
export const customers: StepRunner = async (ctx) => {
  const members = await ctx.db.find('wecom_staff', { dealerId: ctx.doc.dealerId }, { limit: 1000 });
  const ids = members.map((m) => m._id);
  const counts = await customersOf(ctx.db, ids);
  if (counts.staying === 0 && counts.waiting === 0) return { done: true, result: { moved: counts.moved, members: ids.length } };
  if (counts.staying === 0) {
    return {
      done: false,
      reason: `${counts.waiting} 位客户已发起转接，等待企业微信的接替结果（客户 24 小时内未拒绝即接替完成）：接替完成后重新执行清退`,
      result: counts,
    };
  }
  const takeover = await takeoverOf(ctx);
  if (!takeover) return { done: false, reason: '接替方没有企业微信成员：请用 takeoverWecomUserId 指定接替客户的成员后重新执行清退', result: counts };
  const notes: string[] = [];
  for (const m of members) {
    if (m._id === takeover) continue;
    notes.push((await requestCustomerHandover(ctx.db, { clerkId: m.clerkId, takeoverWecomUserId: takeover, by: ctx.actorId, now: ctx.now })).note);
  }
  return {
    done: false,
    reason: `${counts.staying} 位客户仍待企业微信转接（${notes.join('；')}）：转接完成后重新执行清退`.slice(0, 300),
    result: { ...counts, takeover },
  };
};
