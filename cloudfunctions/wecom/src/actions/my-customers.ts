import { contracts } from '@shared/contracts';
import type { CustomerItem } from '@shared/contracts';
import type { CustomerRecord, CustomerRelation } from '@shared/wecom/customer';
import { RELATION_STATUS_LABELS, VISIBLE_TO_CLERK } from '@shared/wecom/customer';
import { defineAction } from '../../../_kit/router';

function item(c: CustomerRecord, r: CustomerRelation): CustomerItem {
  return {
    externalUserId: c.externalUserId,
    name: c.name ?? '新客户（资料同步中）',
    avatar: c.avatar,
    userId: r.userId,
    clerkId: r.clerkId,
    status: r.status,
    statusLabel: RELATION_STATUS_LABELS[r.status],
    addedAt: r.addedAt,
    campaignId: r.campaignId,
    tags: r.tags,
    tagStatus: r.tagStatus,
    linked: c.linkedOpenids.length > 0,
  };
}

/**
 * 我的客户. A clerk sees the customers of their own WeCom account(s) (the staff directory maps
 * them); a dealer owner sees every customer their store's clerks serve. Scoped by the caller's
 * identity from the database, never by the payload.
 */
export const myCustomers = defineAction(contracts.wecom.myCustomers, ['clerk', 'dealer'], async ({ limit = 50 }, { db, caller }) => {
  const _ = db.command;
  let mine: (r: CustomerRelation) => boolean;
  let where: Record<string, unknown>;
  if (caller.role === 'clerk') {
    const staff = await db.find('wecom_staff', { clerkId: caller.user._id }, { limit: 10 });
    const ids = staff.map((s) => s._id);
    if (ids.length === 0) return { items: [], total: 0 };
    mine = (r) => ids.includes(r.userId) && VISIBLE_TO_CLERK.includes(r.status);
    where = { 'relations.userId': _['in']!(ids) };
  } else {
    const dealerId = caller.dealerId;
    if (!dealerId) return { items: [], total: 0 };
    mine = (r) => r.dealerId === dealerId && VISIBLE_TO_CLERK.includes(r.status);
    where = { 'relations.dealerId': dealerId };
  }
  const docs = await db.find('wecom_customers', where, { orderBy: [['createdAt', 'desc']], limit: 1000 });
  const items: CustomerItem[] = [];
  for (const c of docs) {
    const rel = c.relations.filter(mine).sort((a, b) => b.addedAt - a.addedAt)[0];
    if (rel) items.push(item(c, rel));
  }
  items.sort((a, b) => b.addedAt - a.addedAt);
  return { items: items.slice(0, limit), total: items.length };
});
