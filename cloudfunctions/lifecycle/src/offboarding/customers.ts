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

/** Customers with a relation to one of the members, and how many of them are still with one (status active). */
async function customersOf(db: Db, members: readonly string[]): Promise<{ all: number; staying: number }> {
  const seen = new Set<string>();
  let staying = 0;
  for (const userId of members) {
    for (const c of await db.findAll('wecom_customers', { 'relations.userId': userId })) {
      if (seen.has(c._id)) continue;
      seen.add(c._id);
      if (c.relations.some((r) => members.includes(r.userId) && r.status === 'active')) staying++;
    }
  }
  return { all: seen.size, staying };
}

/**
 * WeCom customers transferred to the successor's clerks through the WeCom customer hand-over
 * (_capabilities/customer-handover: the wecom function's queue runs 离职继承 for each member, with
 * wecom.transferCustomers's steps). The step is done when no customer is left active with any of
 * the dealer's members; until WeCom has moved them it stays blocked and says so.
 */
export const customers: StepRunner = async (ctx) => {
  const members = await ctx.db.find('wecom_staff', { dealerId: ctx.doc.dealerId }, { limit: 1000 });
  const ids = members.map((m) => m._id);
  const counts = await customersOf(ctx.db, ids);
  if (counts.staying === 0) return { done: true, result: { moved: counts.all, members: ids.length } };
  const takeover = await takeoverOf(ctx);
  if (!takeover)
    return { done: false, reason: '接替方没有企业微信成员：请用 takeoverWecomUserId 指定接替客户的成员后重新执行清退', result: { staying: counts.staying } };
  const notes: string[] = [];
  for (const m of members) {
    if (m._id === takeover) continue;
    notes.push((await requestCustomerHandover(ctx.db, { clerkId: m.clerkId, takeoverWecomUserId: takeover, by: ctx.actorId, now: ctx.now })).note);
  }
  return {
    done: false,
    reason: `${counts.staying} 位客户仍待企业微信转接（${notes.join('；')}）：转接完成后重新执行清退`.slice(0, 300),
    result: { staying: counts.staying, takeover },
  };
};
