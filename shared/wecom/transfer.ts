/**
 * Handing a clerk's customers to another clerk (在职继承 / 离职继承). WeCom's limits: at most 100
 * customers per call, and a customer may be transferred at most twice in 90 days (errcode 40128).
 */
import { DAY_MS } from '../time';

export const TRANSFER_BATCH = 100;
export const TRANSFER_WINDOW_DAYS = 90;
export const MAX_TRANSFERS_IN_WINDOW = 2;

/** One transfer a customer went through, as the customer record keeps it. */
export interface TransferEntry {
  runId: string;
  from: string;
  to: string;
  mode: TransferMode;
  /** Epoch ms the transfer was asked for. */
  at: number;
  /** WeCom's per-customer errcode: 0 means the transfer started. */
  errcode: number;
  /** started → (succeeded | failed); refused when WeCom said no; skipped when we did not ask. */
  outcome: 'started' | 'succeeded' | 'failed' | 'refused' | 'skipped';
  reason: string | null;
}

/** on_job: the clerk is still employed (transfer_customer); resigned: the clerk has left (resigned/transfer_customer). */
export const TRANSFER_MODES = ['resigned', 'on_job'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Transfers that count against the limit: the ones WeCom accepted, in the last 90 days. */
export function transfersInWindow(history: readonly TransferEntry[], now: number): number {
  const since = now - TRANSFER_WINDOW_DAYS * DAY_MS;
  return history.filter((t) => t.at > since && (t.outcome === 'started' || t.outcome === 'succeeded')).length;
}

export interface TransferCandidate {
  externalUserId: string;
  transfers: readonly TransferEntry[];
}

export interface TransferPlan {
  batches: string[][];
  /** Customers not sent to WeCom, with why. */
  skipped: Array<{ externalUserId: string; reason: 'limit_90_days' }>;
}

/** Split a clerk's customers into calls of at most 100, leaving out those already transferred twice in 90 days. */
export function planTransfer(candidates: readonly TransferCandidate[], now: number, batchSize = TRANSFER_BATCH): TransferPlan {
  const send: string[] = [];
  const skipped: TransferPlan['skipped'] = [];
  for (const c of candidates) {
    if (transfersInWindow(c.transfers, now) >= MAX_TRANSFERS_IN_WINDOW) skipped.push({ externalUserId: c.externalUserId, reason: 'limit_90_days' });
    else send.push(c.externalUserId);
  }
  const batches: string[][] = [];
  for (let i = 0; i < send.length; i += batchSize) batches.push(send.slice(i, i + batchSize));
  return { batches, skipped };
}

/** What WeCom's per-customer errcodes of a transfer mean, for the admin reading the outcome. */
export const TRANSFER_ERRORS: Record<number, string> = {
  0: '已开始接替（24 小时后自动完成，客户可拒绝）',
  40096: '不合法的外部联系人 userid',
  40097: '该成员尚未离职（应使用在职继承）',
  40098: '接替成员尚未实名认证',
  40099: '接替成员的客户数已达上限',
  40100: '该客户已经在转移流程中',
  40128: '客户转接过于频繁（90 天内最多转接 2 次）',
  40129: '当前客户正在转接中',
  40130: '原跟进人与接手人一样，不可继承',
  40131: 'handover_userid 并不是该客户的跟进人',
  84061: '不存在外部联系人的关系',
};
