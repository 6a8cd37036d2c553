import { createHash } from 'node:crypto';
import type { AccountDoc, PaymentDoc, PaymentMethod, PaymentSource } from '@shared/models';
import type { Stored, Tx } from '../_kit/db';
import { refuse } from '../_kit/db';
import { emit } from './outbox';
import { EMPTY_ACCOUNT } from './order-effects';

/**
 * Payments (回款) that flow back: from the brand's admin, the ERP connector, WeChat Pay or a
 * partner through the open API. A payment lowers the dealer's receivable, which is what
 * shared/orders/credit counts as used credit, so it frees credit at once; the statement lists it
 * from `payments`.
 *
 * More than is owed: the receivable goes below zero and stays there — the dealer has prepaid
 * (预付款), the statement shows a negative balance (shared/orders/statement) and the headroom
 * (limit − receivable − reserved) grows by the prepayment, so the next orders use it up first.
 * Refusing an overpayment would make the money that arrived vanish from the books.
 */

export interface PaymentInput {
  dealerId: string;
  /** Fen, a positive integer. */
  amount: number;
  /** When the money arrived, epoch ms. */
  at: number;
  method: PaymentMethod;
  source: PaymentSource;
  /** The source's own reference (receipt number, ERP bill number, WeChat Pay transaction id): with source, the idempotency key. */
  sourceRef: string;
  note: string;
}

/** The most one payment may be (¥100,000,000): beyond it a typo, not a payment. */
export const MAX_PAYMENT_FEN = 10_000_000_000;

/** The payment's id, from (source, sourceRef): no caller can steer it, and the same report twice is the same payment. */
export function paymentId(source: PaymentSource, sourceRef: string): string {
  return `pay_${createHash('sha256').update(`${source}\n${sourceRef}`).digest('hex').slice(0, 32)}`;
}

function checkInput(p: PaymentInput, now: number): void {
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0 || p.amount > MAX_PAYMENT_FEN) refuse('INVALID_INPUT', '回款金额须为正整数（分），且不超过 1 亿元');
  if (!Number.isSafeInteger(p.at) || p.at <= 0 || p.at > now + 24 * 3600_000) refuse('INVALID_INPUT', '回款时间无效（不能晚于当前时间）');
  if (!p.sourceRef.trim() || p.sourceRef.length > 64) refuse('INVALID_INPUT', '回款须有来源单号（1–64 个字符）');
  if (!p.dealerId) refuse('INVALID_INPUT', '回款须指明经销商');
}

/**
 * Record one payment inside the caller's transaction: single-document reads and writes only
 * (the payment, the dealer, the account, the outbox event). A repeat of the same (source,
 * sourceRef) returns the payment already recorded and changes nothing; the same reference with a
 * different dealer or amount is refused (CONFLICT), since it cannot be the same payment.
 */
export async function recordPayment(tx: Tx, p: PaymentInput, now: number): Promise<{ payment: Stored<PaymentDoc>; duplicate: boolean; receivable: number }> {
  checkInput(p, now);
  const id = paymentId(p.source, p.sourceRef);
  const [existing, dealer, account] = await Promise.all([tx.get('payments', id), tx.get('dealers', p.dealerId), tx.get('accounts', p.dealerId)]);
  if (existing) {
    if (existing.dealerId !== p.dealerId || existing.amount !== p.amount) {
      refuse('CONFLICT', `来源单号 ${p.sourceRef} 已记过一笔不同的回款（${existing.dealerId}，${existing.amount} 分）`);
    }
    return { payment: existing, duplicate: true, receivable: account?.receivable ?? 0 };
  }
  if (!dealer) refuse('NOT_FOUND', `没有 id 为 ${p.dealerId} 的经销商`);
  const payment: PaymentDoc = {
    dealerId: p.dealerId,
    amount: p.amount,
    at: p.at,
    method: p.method,
    ref: p.sourceRef,
    note: p.note,
    source: p.source,
    recordedAt: now,
  };
  const acc = account ?? EMPTY_ACCOUNT(p.dealerId, now);
  const { _id: _ignored, ...kept } = acc as Stored<AccountDoc>;
  const receivable = acc.receivable - p.amount;
  await Promise.all([
    tx.set('payments', id, payment),
    tx.set('accounts', p.dealerId, { ...kept, dealerId: p.dealerId, receivable, updatedAt: now } satisfies AccountDoc),
    emit(
      tx,
      {
        type: 'payment.recorded',
        subject: id,
        key: 0,
        data: { paymentId: id, dealerId: p.dealerId, amount: p.amount, at: p.at, method: p.method, source: p.source, sourceRef: p.sourceRef, receivable },
        at: p.at,
      },
      now,
    ),
  ]);
  return { payment: { ...payment, _id: id }, duplicate: false, receivable };
}
