import { z } from 'zod';
import { action } from '../contract';
// Direct files, not shared/wecom's index: the mini-program imports contracts and needs no XML parser.
import type { RelationStatus } from '../wecom/customer';
import type { WantedTag } from '../wecom/tags';
import type { TransferMode } from '../wecom/transfer';
import { TRANSFER_MODES } from '../wecom/transfer';
import { wecomJourney } from './wecom-journey';
import { wecomPush } from './wecom-push';

/** WeCom userid: 1–64 of the characters WeCom allows. */
const wecomUserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_@.-]+$/, '企业微信 userid 只能包含字母、数字和 _ @ . -');

/** One customer as a clerk (or their dealer) sees it in 我的客户. */
export interface CustomerItem {
  externalUserId: string;
  name: string;
  avatar: string | null;
  /** The clerk's relation shown (the caller's own; for a dealer, the newest in their store). */
  userId: string;
  clerkId: string | null;
  status: RelationStatus;
  statusLabel: string;
  /** Epoch ms the clerk added the customer. */
  addedAt: number;
  campaignId: string | null;
  /** The campaign's title, and the campaign code (the `state` of the code they scanned) that brought them. */
  campaignTitle: string | null;
  code: string | null;
  tags: WantedTag[];
  tagStatus: 'pending' | 'done' | 'partial';
  /** True when the customer also uses the mini-program (linked by unionid). */
  linked: boolean;
}

export interface TransferOutcome {
  externalUserId: string;
  /** WeCom's per-customer errcode; -1 when the call itself failed; null when not sent. */
  errcode: number | null;
  outcome: 'started' | 'refused' | 'skipped';
  reason: string | null;
}

export interface TransferRunOutput {
  runId: string;
  mode: TransferMode;
  handoverUserId: string;
  takeoverUserId: string;
  dryRun: boolean;
  customers: number;
  /** Calls made to WeCom (≤ 100 customers each). */
  batches: number;
  started: number;
  refused: number;
  skipped: number;
  outcomes: TransferOutcome[];
}

export interface QueueRunOutput {
  ran: number;
  done: number;
  retrying: number;
  dead: number;
  requeued: number;
}

export interface ContactWayOutput {
  campaignId: string;
  /** The sharer's campaign code, given to WeCom as the contact way's `state`. */
  code: string;
  /** The sharer's WeCom userid. */
  userId: string;
  /** WeCom's image of the 「联系我」 code. */
  qrCode: string;
  configId: string;
  /** False when it was made before and is reused. */
  created: boolean;
}

export const wecom = {
  /** The caller's WeCom customers with their tags: a clerk's own, a dealer owner's whole store. Newest first. */
  myCustomers: action<{ items: CustomerItem[]; total: number; nextCursor: string | null }>()(
    z.strictObject({
      limit: z.number().int().min(1).max(100).optional(),
      /** The nextCursor of the page before (how many were listed). */
      cursor: z
        .string()
        .regex(/^\d{1,5}$/, '分页游标不对')
        .optional(),
    }),
    { limit: 20 },
  ),
  /**
   * Clerk departure: hand every active customer of one WeCom member to another through WeCom's
   * transfer APIs (离职继承 for a member who has left, 在职继承 otherwise), 100 per call,
   * leaving out customers already transferred twice in 90 days. Each customer's outcome is kept
   * on its record and in the run; records are never removed.
   */
  transferCustomers: action<TransferRunOutput>()(
    z.strictObject({
      handoverUserId: wecomUserId,
      takeoverUserId: wecomUserId,
      mode: z.enum(TRANSFER_MODES).optional(),
      dryRun: z.boolean().optional(),
    }),
    { handoverUserId: 'zhangxiaoli', takeoverUserId: 'chenjing', mode: 'resigned', dryRun: true },
  ),
  /** Record who a WeCom member is in this system (clerk user and dealer), so customers they add are attributed. */
  setStaff: action<{ userId: string; created: boolean }>()(
    z.strictObject({
      userId: wecomUserId,
      clerkId: z.string().min(1).max(64),
      name: z.string().trim().min(1).max(30),
      status: z.enum(['active', 'resigned']).optional(),
    }),
    { userId: 'zhangxiaoli', clerkId: 'user-clerk-001', name: '张晓丽' },
  ),
  /** Run due queued WeCom work now (the timer does this every minute); `requeueDead` gives parked jobs another round. */
  processQueue: action<QueueRunOutput>()(z.strictObject({ limit: z.number().int().min(1).max(500).optional(), requeueDead: z.boolean().optional() }), {
    limit: 100,
  }),
  /**
   * The sharer's own WeCom 「联系我」 code for a campaign (add_contact_way, made once): a customer who
   * scans it adds the sharer on WeCom, and the callback attributes the customer to the campaign,
   * the dealer and the sharer (its `state` is the sharer's campaign code). Needs the sharer's
   * campaign code (opening the share page makes it) and their WeCom account registered with setStaff.
   */
  contactWay: action<ContactWayOutput>()(z.strictObject({ campaignId: z.string().min(1).max(64) }), { campaignId: 'spring-tea-2026' }),
  /** A mini-program user links themselves to their WeCom customer record by the unionid the platform reports. */
  linkMe: action<{ linked: boolean; customers: number }>()(z.strictObject({})),
  ...wecomPush,
  ...wecomJourney,
};
