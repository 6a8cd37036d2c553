import type { ContactEvent } from './events';
import type { WantedTag } from './tags';
import type { TransferEntry } from './transfer';

/**
 * A customer (外部联系人) is the brand's record, not the clerk's: one per external_userid, with one
 * relation per clerk who added them. Records are never deleted; relations change status.
 */
export const RELATION_STATUSES = [
  'active',
  /** The customer deleted the clerk (del_follow_user). */
  'deleted_by_customer',
  /** The clerk deleted the customer (del_external_contact). */
  'deleted_by_clerk',
  /** Being handed over to another clerk: still the clerk's until WeCom completes it. */
  'transferring',
  /** Handed over: the customer now follows the takeover clerk. */
  'transferred_out',
  /** A takeover relation that is waiting for WeCom to complete. */
  'pending_takeover',
  /** A takeover that WeCom reported failed (transfer_fail). */
  'transfer_failed',
] as const;
export type RelationStatus = (typeof RELATION_STATUSES)[number];

export const RELATION_STATUS_LABELS: Record<RelationStatus, string> = {
  active: '正常',
  deleted_by_customer: '客户已删除',
  deleted_by_clerk: '已删除客户',
  transferring: '转接中',
  transferred_out: '已转出',
  pending_takeover: '待接替',
  transfer_failed: '接替失败',
};

/** Statuses in which the relation is the clerk's customer to see and serve. */
export const VISIBLE_TO_CLERK: readonly RelationStatus[] = ['active', 'transferring', 'pending_takeover'];

export interface CustomerRelation {
  /** The clerk's WeCom userid (跟进成员). */
  userId: string;
  /** The clerk's user id in this system (users._id), when known. */
  clerkId: string | null;
  dealerId: string | null;
  campaignId: string | null;
  /** The `state` of the code the customer scanned, verbatim. */
  state: string | null;
  status: RelationStatus;
  /** Epoch ms: when the clerk first added the customer (WeCom's CreateTime). */
  addedAt: number;
  updatedAt: number;
  /** Tags wanted on this relation and whether WeCom has them yet. */
  tags: WantedTag[];
  tagStatus: 'pending' | 'done' | 'partial';
  /** For a takeover relation: whose customer it was. */
  transferredFrom: string | null;
}

export interface CustomerRecord {
  externalUserId: string;
  corpId: string;
  /** From externalcontact/get once synced; null until then. */
  name: string | null;
  avatar: string | null;
  /** 1 WeChat user, 2 WeCom user. */
  type: number | null;
  /** Present when the corp is bound to a WeChat Open Platform account. */
  unionid: string | null;
  relations: CustomerRelation[];
  transfers: TransferEntry[];
  /** Mini-program users (openids) with the same unionid: their orders and redemptions belong to this customer. */
  linkedOpenids: string[];
  profileSyncedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Who a campaign code and the adding clerk say the customer came through. */
export interface Attribution {
  /** From the code in `state` (campaign issue's resolveCode), or null when there was none or it is unknown. */
  code: { campaignId: string; dealerId: string; clerkId: string } | null;
  /** The clerk behind the WeCom userid, from the staff directory, when known. */
  staff: { clerkId: string; dealerId: string | null } | null;
}

/** Work to do after the record is saved (queued, never inline). */
export type FollowUp = { kind: 'sync_contact'; externalUserId: string } | { kind: 'tag_relation'; externalUserId: string; userId: string };

export interface Applied {
  record: CustomerRecord;
  followUps: FollowUp[];
  /** One line on what changed, for the event log. */
  note: string;
}

function emptyRecord(e: ContactEvent, now: number): CustomerRecord {
  return {
    externalUserId: e.externalUserId,
    corpId: e.corpId,
    name: null,
    avatar: null,
    type: null,
    unionid: null,
    relations: [],
    transfers: [],
    linkedOpenids: [],
    profileSyncedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function newRelation(e: ContactEvent, a: Attribution, now: number): CustomerRelation {
  const at = Number(e.createTime) * 1000 || now;
  return {
    userId: e.userId,
    clerkId: a.staff?.clerkId ?? a.code?.clerkId ?? null,
    dealerId: a.code?.dealerId ?? a.staff?.dealerId ?? null,
    campaignId: a.code?.campaignId ?? null,
    state: e.state,
    status: 'active',
    addedAt: at,
    updatedAt: now,
    tags: [],
    tagStatus: 'pending',
    transferredFrom: null,
  };
}

/**
 * Apply one contact event to the customer's record: returns the next record (the input is not
 * changed) and the follow-up work. Pure: `now` and the attribution are parameters.
 */
export function applyEvent(current: CustomerRecord | null, e: ContactEvent, a: Attribution, now: number): Applied {
  const base = current ?? emptyRecord(e, now);
  const relations = base.relations.map((r) => ({ ...r }));
  const transfers = base.transfers.map((t) => ({ ...t }));
  const idx = relations.findIndex((r) => r.userId === e.userId);
  const followUps: FollowUp[] = [];
  let note: string;

  switch (e.changeType) {
    case 'add_external_contact':
    case 'add_half_external_contact': {
      const fresh = newRelation(e, a, now);
      if (idx < 0) {
        relations.push(fresh);
        note = `relation ${e.userId} added`;
      } else {
        const r = relations[idx]!;
        // Added again after a deletion (or a takeover completing): active, with the newest code's attribution.
        relations[idx] = {
          ...r,
          status: 'active',
          state: e.state ?? r.state,
          clerkId: fresh.clerkId ?? r.clerkId,
          dealerId: e.state && a.code ? fresh.dealerId : (r.dealerId ?? fresh.dealerId),
          campaignId: e.state && a.code ? fresh.campaignId : r.campaignId,
          tagStatus: 'pending',
          updatedAt: now,
        };
        note = `relation ${e.userId} re-added`;
      }
      followUps.push({ kind: 'sync_contact', externalUserId: e.externalUserId }, { kind: 'tag_relation', externalUserId: e.externalUserId, userId: e.userId });
      break;
    }
    case 'edit_external_contact': {
      if (idx < 0) {
        // An edit for a relation we never saw added (the add came before this system): record it.
        relations.push(newRelation(e, a, now));
        followUps.push({ kind: 'tag_relation', externalUserId: e.externalUserId, userId: e.userId });
        note = `relation ${e.userId} learnt from an edit`;
      } else {
        relations[idx] = { ...relations[idx]!, updatedAt: now };
        note = `relation ${e.userId} edited`;
      }
      followUps.push({ kind: 'sync_contact', externalUserId: e.externalUserId });
      break;
    }
    case 'del_external_contact': {
      const status: RelationStatus = e.source === 'DELETE_BY_TRANSFER' ? 'transferred_out' : 'deleted_by_clerk';
      if (idx >= 0) relations[idx] = { ...relations[idx]!, status, updatedAt: now };
      else relations.push({ ...newRelation(e, a, now), status });
      if (status === 'transferred_out') {
        // WeCom completed a handover: the takeover relation is the customer's now.
        const t = [...transfers].reverse().find((x) => x.from === e.userId && x.outcome === 'started');
        if (t) {
          const to = relations.findIndex((r) => r.userId === t.to && r.status === 'pending_takeover');
          if (to >= 0) relations[to] = { ...relations[to]!, status: 'active', updatedAt: now };
          markTransfer(transfers, e.userId, t.to, 'succeeded', null);
        }
      }
      note = `relation ${e.userId} ${status}`;
      break;
    }
    case 'del_follow_user': {
      if (idx >= 0) relations[idx] = { ...relations[idx]!, status: 'deleted_by_customer', updatedAt: now };
      else relations.push({ ...newRelation(e, a, now), status: 'deleted_by_customer' });
      note = `relation ${e.userId} deleted_by_customer`;
      break;
    }
    case 'transfer_fail': {
      // UserID is the takeover clerk who did not get the customer; the customer stays with the handover clerk.
      const failed = failTransfer({ ...base, relations, transfers }, e.userId, e.failReason, now);
      return { record: failed, followUps, note: `transfer to ${e.userId} failed: ${e.failReason ?? 'unknown'}` };
    }
  }
  return { record: { ...base, relations, transfers, updatedAt: now }, followUps, note };
}

/** A takeover that did not happen (customer refused, takeover clerk full): the customer stays with the handover clerk. */
export function failTransfer(current: CustomerRecord, to: string, reason: string | null, now: number): CustomerRecord {
  const relations = current.relations.map((r) => ({ ...r }));
  const transfers = current.transfers.map((t) => ({ ...t }));
  const t = [...transfers].reverse().find((x) => x.to === to && x.outcome === 'started');
  const idx = relations.findIndex((r) => r.userId === to && r.status === 'pending_takeover');
  if (idx >= 0) relations[idx] = { ...relations[idx]!, status: 'transfer_failed', updatedAt: now };
  if (t) {
    const from = relations.findIndex((r) => r.userId === t.from && r.status === 'transferring');
    if (from >= 0) relations[from] = { ...relations[from]!, status: 'active', updatedAt: now };
    markTransfer(transfers, t.from, to, 'failed', reason);
  }
  return { ...current, relations, transfers, updatedAt: now };
}

function markTransfer(transfers: TransferEntry[], from: string | null, to: string | null, outcome: 'succeeded' | 'failed', reason: string | null): void {
  for (let i = transfers.length - 1; i >= 0; i--) {
    const t = transfers[i]!;
    if (t.outcome !== 'started') continue;
    if (from !== null && t.from !== from) continue;
    if (to !== null && t.to !== to) continue;
    transfers[i] = { ...t, outcome, reason };
    return;
  }
}

/** The record after asking WeCom to transfer it: the handover relation is transferring, the takeover pending. */
export function startTransfer(
  current: CustomerRecord,
  entry: TransferEntry,
  takeover: { clerkId: string | null; dealerId: string | null },
  now: number,
): CustomerRecord {
  const relations = current.relations.map((r) => ({ ...r }));
  if (entry.outcome === 'started') {
    const from = relations.findIndex((r) => r.userId === entry.from);
    if (from >= 0) relations[from] = { ...relations[from]!, status: 'transferring', updatedAt: now };
    const to = relations.findIndex((r) => r.userId === entry.to);
    const src = from >= 0 ? relations[from]! : null;
    const taking: CustomerRelation = {
      userId: entry.to,
      clerkId: takeover.clerkId,
      dealerId: takeover.dealerId ?? src?.dealerId ?? null,
      campaignId: src?.campaignId ?? null,
      state: src?.state ?? null,
      status: 'pending_takeover',
      addedAt: now,
      updatedAt: now,
      tags: [],
      tagStatus: 'pending',
      transferredFrom: entry.from,
    };
    if (to >= 0) relations[to] = { ...relations[to]!, ...taking, addedAt: relations[to]!.addedAt };
    else relations.push(taking);
  }
  return { ...current, relations, transfers: [...current.transfers, entry], updatedAt: now };
}

/** WeCom confirmed the takeover (transfer_result status 1): the takeover relation is active. */
export function completeTransfer(current: CustomerRecord, from: string, to: string, now: number): CustomerRecord {
  const relations = current.relations.map((r) => {
    if (r.userId === from && r.status === 'transferring') return { ...r, status: 'transferred_out' as const, updatedAt: now };
    if (r.userId === to && r.status === 'pending_takeover') return { ...r, status: 'active' as const, updatedAt: now };
    return r;
  });
  const transfers = current.transfers.map((t) => ({ ...t }));
  markTransfer(transfers, from, to, 'succeeded', null);
  return { ...current, relations, transfers, updatedAt: now };
}
