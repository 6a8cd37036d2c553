import { contracts } from '@shared/contracts';
import type { CustomerItem } from '@shared/contracts';
import type { CustomerRecord, CustomerRelation } from '@shared/wecom/customer';
import { RELATION_STATUS_LABELS } from '@shared/wecom/customer';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { relationFor, viewerOf } from '../journey/viewer';

function item(c: CustomerRecord, r: CustomerRelation, titles: ReadonlyMap<string, string>): CustomerItem {
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
    campaignTitle: r.campaignId ? (titles.get(r.campaignId) ?? null) : null,
    code: r.state,
    tags: r.tags,
    tagStatus: r.tagStatus,
    linked: c.linkedOpenids.length > 0,
  };
}

/** The titles of the campaigns that brought a page of customers. */
async function titlesOf(db: Db, rels: readonly CustomerRelation[]): Promise<Map<string, string>> {
  const ids = [...new Set(rels.map((r) => r.campaignId).filter((id): id is string => !!id))];
  return new Map((ids.length ? await db.getMany('campaigns', ids) : []).map((c) => [c._id, c.title]));
}

/**
 * 我的客户, newest first, paged by position (`cursor` = how many came before). A clerk sees the
 * customers of her own WeCom account(s); a dealer owner every customer her store's clerks serve.
 * Scoped by the caller's identity from the database (journey/viewer), never by the payload.
 */
export const myCustomers = defineAction(contracts.wecom.myCustomers, ['clerk', 'dealer'], async ({ limit = 50, cursor }, { db, caller }) => {
  const v = await viewerOf(db, caller);
  if (!v) return { items: [], total: 0, nextCursor: null };
  const docs = await db.find('wecom_customers', v.where, { orderBy: [['createdAt', 'desc']], limit: 1000 });
  const mine: Array<[CustomerRecord, CustomerRelation]> = [];
  for (const c of docs) {
    const rel = relationFor(c, v);
    if (rel) mine.push([c, rel]);
  }
  mine.sort((a, b) => b[1].addedAt - a[1].addedAt);
  const from = Number(cursor ?? 0);
  const page = mine.slice(from, from + limit);
  const titles = await titlesOf(
    db,
    page.map(([, r]) => r),
  );
  const next = from + page.length;
  return { items: page.map(([c, r]) => item(c, r, titles)), total: mine.length, nextCursor: next < mine.length ? String(next) : null };
});
