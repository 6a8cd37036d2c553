/**
 * The rebate wallet (返利账户) is a ledger: the balance is never stored as the truth, it is the
 * sum of signed entries (credits positive, debits negative). The dealer document's
 * rebateBalance is a cache of walletBalance(entries).balance.
 */
import { z } from 'zod';
import { allocate, divide, BASIS_POINTS, fenSchema, signedFenSchema } from '../money';
import type { ClawbackAdjustment, SettlementRecord } from './settle';

export const WALLET_ENTRY_TYPES = {
  /** 返利结算入账: a settlement's amount. Credit. */
  rebate_settlement: '返利结算',
  /** 返利扣回: a claw-back after returns. Debit. */
  clawback: '返利扣回',
  /** 下单抵扣: rebate spent on an order. Debit. */
  order_spend: '下单抵扣',
  /** 抵扣退回: an order that spent rebate closed before shipping. Credit. */
  order_release: '抵扣退回',
  /** 人工调整: by a brand admin, either sign. */
  adjustment: '人工调整',
} as const;
export type WalletEntryType = keyof typeof WALLET_ENTRY_TYPES;

const SIGN: Record<WalletEntryType, 1 | -1 | 0> = { rebate_settlement: 1, clawback: -1, order_spend: -1, order_release: 1, adjustment: 0 };

export const walletEntrySchema = z
  .strictObject({
    /** Deterministic from its source (settlement id, order no…), so a retry books it once. */
    id: z.string().min(1).max(160),
    dealerId: z.string().min(1).max(64),
    type: z.enum(Object.keys(WALLET_ENTRY_TYPES) as [WalletEntryType, ...WalletEntryType[]]),
    /** Signed fen: credits > 0, debits < 0. */
    amount: signedFenSchema.refine((a) => a !== 0, '金额不能为 0'),
    at: z.number().int().min(0),
    ref: z.string().min(1).max(160),
    note: z.string().max(200).optional(),
  })
  .refine((e) => SIGN[e.type] === 0 || Math.sign(e.amount) === SIGN[e.type], { message: '入账为正、扣减为负', path: ['amount'] });

export type WalletEntry = z.output<typeof walletEntrySchema>;

/** Credits (Σ positive), debits (Σ |negative|) and the signed balance = credits − debits. May be negative after a claw-back. */
export function walletBalance(entries: ReadonlyArray<Pick<WalletEntry, 'amount'>>): { credits: number; debits: number; balance: number } {
  let credits = 0;
  let debits = 0;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount)) throw new RangeError(`walletBalance: amount must be integer fen, got ${e.amount}`);
    if (e.amount > 0) credits += e.amount;
    else debits -= e.amount;
  }
  return { credits, debits, balance: credits - debits };
}

/** How much rebate one order may use. */
export const rebateSpendRuleSchema = z.strictObject({
  /** At most this share of the order's payable (before rebate), basis points: 1000 = 10 %. */
  maxShareBp: z.number().int().min(0).max(BASIS_POINTS).default(BASIS_POINTS),
  /** At most this much per order, fen; null: no fixed limit. */
  maxFenPerOrder: fenSchema.nullable().default(null),
});
export type RebateSpendRule = z.output<typeof rebateSpendRuleSchema>;

/**
 * The most rebate an order may spend, fen: the least of the balance (0 when negative), the
 * rule's share of the payable rounded DOWN (never over the share) and its per-order limit.
 */
export function spendCap(orderPayable: number, rule: RebateSpendRule, balance: number): number {
  if (!Number.isSafeInteger(orderPayable) || orderPayable < 0) throw new RangeError(`spendCap: payable must be non-negative integer fen, got ${orderPayable}`);
  const share = divide(orderPayable * rule.maxShareBp, BASIS_POINTS, 'down');
  return Math.max(0, Math.min(balance, share, rule.maxFenPerOrder ?? Number.MAX_SAFE_INTEGER));
}

/**
 * Splits a rebate spent on an order to its lines by largest remainder (money/allocate): the parts
 * add back exactly to `amount` and none exceeds its line. `amount` must not exceed Σ lines.
 */
export function splitRebate(amount: number, lineAmounts: readonly number[]): number[] {
  const total = lineAmounts.reduce((s, a) => s + a, 0);
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > total) {
    throw new RangeError(`splitRebate: amount must be integer fen between 0 and the lines' total ${total}, got ${amount}`);
  }
  return allocate(amount, lineAmounts);
}

/** The wallet credit of a settlement (null for a zero settlement: nothing to book). */
export function settlementEntry(record: SettlementRecord): WalletEntry | null {
  if (record.amount === 0) return null;
  return { id: `wallet:${record.id}`, dealerId: record.dealerId, type: 'rebate_settlement', amount: record.amount, at: record.settledAt, ref: record.id };
}

/** The wallet debit of a claw-back. */
export function clawbackEntry(adj: ClawbackAdjustment): WalletEntry {
  return { id: `wallet:${adj.id}`, dealerId: adj.dealerId, type: 'clawback', amount: adj.amount, at: adj.at, ref: adj.settlementId };
}
