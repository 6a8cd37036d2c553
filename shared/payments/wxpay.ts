/**
 * Paying online with WeChat Pay through CloudBase cloud payment (云支付), the pure part: what a
 * pay-in is, how much an order still asks for, the callback's checks, and the carriers' ids for
 * the logistics open API. The functions' side is cloudfunctions/_capabilities/wxpay.ts.
 *
 * CloudPay.unifiedOrder (outTradeNo ≤ 32 chars of [0-9A-Za-z_-], totalFee in fen):
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.unifiedOrder.html
 * The payment callback's payload and answer ({ errcode: 0 } or it is delivered again, for up to two days):
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/open/pay/paymentCallback.md
 */

/** A pay-in started by a dealer (`wxpay_orders`, _id = its outTradeNo). */
export interface WxpayOrderDoc {
  dealerId: string;
  /** The order paid, or null when the dealer pays down its receivable (在线还款). */
  orderId: string | null;
  /** Fen asked of WeChat Pay (totalFee). */
  amount: number;
  status: 'pending' | 'paid';
  /** Who started it (the payer's openid). */
  openid: string;
  createdAt: number;
  /** WeChat Pay's transaction id, once paid: the payment's sourceRef. */
  transactionId?: string;
  paidAt?: number;
  /** Fen refunded so far; each refund under its own outRefundNo (keyed by what caused it). */
  refunded: number;
  refunds: Record<string, { amount: number; at: number; reason: string }>;
}

/** Whole yuan limit of one pay-in (¥1,000,000): WeChat Pay's single-payment limits are far below anything larger. */
export const MAX_WXPAY_FEN = 100_000_000;

/** The payment callback's fields this system reads (camelCase, as cloud payment delivers them). */
export interface PayCallbackEvent {
  returnCode?: unknown;
  resultCode?: unknown;
  outTradeNo?: unknown;
  transactionId?: unknown;
  totalFee?: unknown;
  subMchId?: unknown;
  timeEnd?: unknown;
}

/** True when the event looks like a cloud-payment result (whatever its source claims): it has the fields every one carries. */
export function isPayCallback(event: unknown): event is PayCallbackEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const e = event as Record<string, unknown>;
  return typeof e['returnCode'] === 'string' && typeof e['outTradeNo'] === 'string' && !('action' in e);
}

/**
 * What the callback may record, checked against the pay-in we stored and WeChat Pay's own answer
 * to queryOrder (a callback is only a hint: anyone who can invoke the function could send one).
 * Amount, trade number and merchant must all agree; anything else records nothing.
 */
export function checkPaid(
  stored: Pick<WxpayOrderDoc, 'amount'> | null,
  event: PayCallbackEvent,
  queried: { tradeState?: unknown; totalFee?: unknown; transactionId?: unknown; outTradeNo?: unknown } | null,
  subMchId: string,
): { ok: true; transactionId: string } | { ok: false; reason: string } {
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') return { ok: false, reason: 'not a successful payment' };
  if (!stored) return { ok: false, reason: 'no such pay-in' };
  if (event.subMchId !== subMchId) return { ok: false, reason: 'another merchant' };
  if (event.totalFee !== stored.amount) return { ok: false, reason: `amount ${String(event.totalFee)} ≠ ${stored.amount}` };
  if (!queried || queried.tradeState !== 'SUCCESS') return { ok: false, reason: 'WeChat Pay does not report it paid' };
  if (queried.totalFee !== stored.amount || queried.outTradeNo !== event.outTradeNo) return { ok: false, reason: 'WeChat Pay reports another amount' };
  if (typeof queried.transactionId !== 'string' || queried.transactionId === '' || queried.transactionId !== event.transactionId) {
    return { ok: false, reason: 'transaction id differs' };
  }
  return { ok: true, transactionId: queried.transactionId };
}

/**
 * Fen an order still asks of WeChat Pay: its payable less what its returns credited (the credit
 * already lowered the receivable; paying it again would be a prepayment nobody asked for) and less
 * what its pay-ins already brought in (net of refunds).
 */
export function owedOnOrder(payable: number, payIns: ReadonlyArray<Pick<WxpayOrderDoc, 'status' | 'amount' | 'refunded'>>, credited = 0): number {
  const paid = payIns.filter((p) => p.status === 'paid').reduce((n, p) => n + p.amount - p.refunded, 0);
  return Math.max(0, payable - credited - paid);
}

/**
 * How a refund of `amount` for one cause spreads over an order's paid pay-ins, oldest first, each
 * at most what it has left (cloud payment refunds against one outTradeNo at a time, ≤ its total).
 */
export function spreadRefund(
  amount: number,
  payIns: ReadonlyArray<{ id: string; doc: Pick<WxpayOrderDoc, 'status' | 'amount' | 'refunded' | 'createdAt'> }>,
): Array<{ id: string; amount: number }> {
  let left = amount;
  const out: Array<{ id: string; amount: number }> = [];
  for (const p of [...payIns].filter((x) => x.doc.status === 'paid').sort((a, b) => a.doc.createdAt - b.doc.createdAt || a.id.localeCompare(b.id))) {
    if (left <= 0) break;
    const take = Math.min(left, p.doc.amount - p.doc.refunded);
    if (take > 0) out.push({ id: p.id, amount: take });
    left -= take;
  }
  return out;
}

/** The refund number of one cause on one pay-in (≤ 64 chars of [0-9A-Za-z_-]): the same cause twice is the same refund. */
export function outRefundNo(outTradeNo: string, cause: string): string {
  return `${outTradeNo}-${cause.replace(/[^0-9A-Za-z_-]/g, '').slice(0, 64 - outTradeNo.length - 1)}`;
}

/**
 * Carriers as shipments name them → the logistics open API's delivery_id (logistics.getAllDelivery).
 * A carrier not listed has no timeline here; the shipment still shows its tracking number.
 */
const DELIVERY_IDS: ReadonlyArray<[RegExp, string]> = [
  [/顺丰/, 'SF'],
  [/中通/, 'ZTO'],
  [/圆通/, 'YTO'],
  [/韵达/, 'YUNDA'],
  [/申通/, 'STO'],
  [/京东/, 'JD'],
  [/德邦/, 'DB'],
  [/邮政|EMS/i, 'EMS'],
];

export function deliveryIdOf(carrier: string): string | null {
  return DELIVERY_IDS.find(([re]) => re.test(carrier))?.[1] ?? null;
}

/** action_type of a path node → what the dealer reads (logistics.getPath's table). */
export const PATH_ACTION_LABELS: Readonly<Record<number, string>> = {
  100001: '已揽件',
  100002: '揽件失败',
  100003: '分配业务员',
  200001: '运输中',
  300002: '派送中',
  300003: '已签收',
  300004: '签收失败',
  400001: '订单取消',
  400002: '滞留',
};
