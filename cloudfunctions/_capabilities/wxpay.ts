import { randomBytes } from 'node:crypto';
import { Refusal } from '@shared/envelope';
import type { PaymentDoc } from '@shared/models';
import type { PayOutput, RequestPaymentParams } from '@shared/contracts';
import type { PayCallbackEvent, WxpayOrderDoc } from '@shared/payments/wxpay';
import { checkPaid, outRefundNo, spreadRefund } from '@shared/payments/wxpay';
import type { Db, Stored } from '../_kit/db';
import { refuse } from '../_kit/db';
import { log } from '../_kit/log';
import { sdk, wxContext } from '../_kit/sdk';
import { emit } from './outbox';
import { paymentId, recordPayment } from './payments';

/**
 * WeChat Pay through CloudBase cloud payment (云支付): a dealer's pay-in (an order, or paying down
 * the receivable), the payment callback that records it, and refunds. The money is recorded by
 * recordPayment (source 'wechatpay', sourceRef = WeChat Pay's transaction id), the same path as
 * a payment from the ERP, so it is recorded once however often the callback repeats.
 *
 * - CloudPay.unifiedOrder: https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.unifiedOrder.html
 * - the callback (SOURCE wx_paycallback; answer { errcode: 0 } or it comes again for up to two days):
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/open/pay/paymentCallback.md
 * - CloudPay.queryOrder / CloudPay.refund: https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.refund.html
 * The function that calls these declares them in config.json permissions.openapi (cloudPay.unifiedOrder, …).
 */

/** The function cloud payment calls back: it answers pay callbacks before its router (orders/src/index.ts). */
export const PAY_CALLBACK_FUNCTION = 'orders';

/** The merchant (子商户号) bound to the environment in the cloud console's 微信支付配置; the function's environment variable. */
export function subMchId(): string {
  return process.env['WXPAY_SUB_MCH_ID'] || '1900000109';
}

const nonce = () => randomBytes(16).toString('hex');

function envId(): string {
  return wxContext().ENV || process.env['TCB_ENV'] || process.env['SCF_NAMESPACE'] || '';
}

/**
 * Start a pay-in of `amount` fen: stored as pending under a fresh outTradeNo (random, never the
 * caller's), then cloudPay.unifiedOrder, whose `payment` the mini-program hands to
 * wx.requestPayment. Nothing is owed or recorded until the callback says it was paid.
 */
export async function startPayIn(
  db: Db,
  p: { dealerId: string; orderId: string | null; amount: number; body: string; openid: string },
  now: number,
): Promise<PayOutput | Refusal> {
  const outTradeNo = `W${randomBytes(15).toString('hex')}`;
  const doc: WxpayOrderDoc = {
    dealerId: p.dealerId,
    orderId: p.orderId,
    amount: p.amount,
    status: 'pending',
    openid: p.openid,
    createdAt: now,
    refunded: 0,
    refunds: {},
  };
  await db.set('wxpay_orders', outTradeNo, doc);
  return requestPayment(outTradeNo, p.amount, p.body);
}

/** unifiedOrder for a stored pending pay-in (again: the same outTradeNo and amount answer the same prepay). */
export async function requestPayment(outTradeNo: string, amount: number, body: string): Promise<PayOutput | Refusal> {
  const res = await sdk().cloudPay['unifiedOrder']!({
    body,
    outTradeNo,
    spbillCreateIp: wxContext().CLIENTIP || '127.0.0.1',
    subMchId: subMchId(),
    totalFee: amount,
    envId: envId(),
    functionName: PAY_CALLBACK_FUNCTION,
    nonceStr: nonce(),
    tradeType: 'JSAPI',
  }).catch((e: unknown): Record<string, unknown> => ({ returnCode: 'FAIL', returnMsg: (e as { errMsg?: string }).errMsg ?? String(e) }));
  if (res['returnCode'] !== 'SUCCESS' || res['resultCode'] !== 'SUCCESS') {
    log.warn('cloudPay.unifiedOrder refused', { outTradeNo, res });
    return new Refusal('CONFLICT', `微信支付下单未成功：${String(res['errCodeDes'] ?? res['returnMsg'] ?? '未知原因')}，请稍后重试`);
  }
  return { outTradeNo, amount, payment: res['payment'] as RequestPaymentParams };
}

/**
 * The payment callback: checked against the stored pay-in and WeChat Pay's own queryOrder (a
 * callback is only a claim), then recorded once — the pay-in turns paid and recordPayment, keyed
 * by the transaction id, lowers the receivable — in one transaction. A repeat finds both done and
 * answers { errcode: 0 } again; a mismatch records nothing and answers an error.
 */
export async function onPayCallback(db: Db, event: PayCallbackEvent, now: number): Promise<{ errcode: number; errmsg: string }> {
  const outTradeNo = String(event.outTradeNo);
  const stored = /^[0-9A-Za-z_-]{1,32}$/.test(outTradeNo) ? await db.getById('wxpay_orders', outTradeNo) : null;
  const queried = stored ? await sdk().cloudPay['queryOrder']!({ subMchId: subMchId(), nonceStr: nonce(), outTradeNo }).catch(() => null) : null;
  const check = checkPaid(stored, event, queried, subMchId());
  if (!check.ok || !stored) {
    log.warn('pay callback refused', { outTradeNo, reason: check.ok ? 'no such pay-in' : check.reason });
    return { errcode: 1, errmsg: `refused: ${check.ok ? 'no such pay-in' : check.reason}` };
  }
  const order = stored.orderId ? await db.getById('orders', stored.orderId) : null;
  const done = await db.transaction(async (tx) => {
    const payIn = await tx.get('wxpay_orders', outTradeNo);
    if (!payIn) refuse('NOT_FOUND', outTradeNo);
    if (payIn.status === 'pending') {
      await tx.update('wxpay_orders', outTradeNo, { status: 'paid', transactionId: check.transactionId, paidAt: now });
    }
    const note = order ? `订单 ${order.orderNo} 在线支付` : '在线还款';
    return recordPayment(
      tx,
      {
        dealerId: payIn.dealerId,
        amount: payIn.amount,
        at: payIn.paidAt ?? now,
        method: '微信支付',
        source: 'wechatpay',
        sourceRef: check.transactionId,
        note,
      },
      now,
    );
  });
  if (!('payment' in done)) {
    log.error('pay callback not recorded', { outTradeNo, code: done.code, message: done.message });
    return { errcode: 2, errmsg: done.message };
  }
  return { errcode: 0, errmsg: 'ok' };
}

/**
 * Send back up to `amount` fen of what an order's WeChat pay-ins brought in, for one cause (the
 * cancel, a credited return request): oldest pay-in first, each at most what it has left. Exactly
 * once per cause: each refund is stored on its pay-in under outRefundNo(pay-in, cause) in the same
 * transaction that books it — a negative payment (the statement's 回款 line, keyed by the refund
 * number) that raises the receivable back by what left, the order's onlineRefunded (the order page
 * says so) and one `payment.refunded` outbox event keyed by the refund number, so the ERP hears of
 * each refund once — and cloudPay.refund, idempotent on that number, follows the commit (re-sent
 * when the cause comes again). Answers the fen refunded now.
 */
export async function refundPayment(db: Db, p: { orderId: string; cause: string; amount: number; reason: string }, now: number): Promise<number> {
  const payIns = await db.findAll('wxpay_orders', { orderId: p.orderId });
  if (payIns.length === 0) return 0;
  const already = payIns.reduce((n, x) => n + (x.refunds[outRefundNo(x._id, p.cause)]?.amount ?? 0), 0);
  const plan = spreadRefund(
    Math.max(0, p.amount - already),
    payIns.map((x) => ({ id: x._id, doc: x })),
  );
  let refunded = 0;
  for (const step of plan) {
    const no = outRefundNo(step.id, p.cause);
    const booked = await db.transaction(async (tx) => {
      const payIn = await tx.get('wxpay_orders', step.id);
      if (!payIn || payIn.refunds[no]) return 0;
      const take = Math.min(step.amount, payIn.amount - payIn.refunded);
      if (take <= 0) return 0;
      const [acc, order] = await Promise.all([tx.get('accounts', payIn.dealerId), tx.get('orders', p.orderId)]);
      const receivable = (acc?.receivable ?? 0) + take;
      const id = paymentId('wechatpay', no);
      const refund: PaymentDoc = {
        dealerId: payIn.dealerId,
        amount: -take,
        at: now,
        method: '微信支付',
        ref: no,
        note: `退款：${p.reason}`,
        source: 'wechatpay',
        recordedAt: now,
      };
      await Promise.all([
        tx.update('wxpay_orders', step.id, {
          refunded: payIn.refunded + take,
          refunds: { ...payIn.refunds, [no]: { amount: take, at: now, reason: p.reason } },
        }),
        tx.set('payments', id, refund),
        acc ? tx.update('accounts', payIn.dealerId, { receivable, updatedAt: now }) : Promise.resolve(0),
        order ? tx.update('orders', p.orderId, { onlineRefunded: (order.onlineRefunded ?? 0) + take }) : Promise.resolve(0),
        emit(
          tx,
          {
            type: 'payment.refunded',
            subject: id,
            key: 0,
            data: {
              paymentId: id,
              refundNo: no,
              outTradeNo: step.id,
              orderId: p.orderId,
              dealerId: payIn.dealerId,
              amount: take,
              cause: p.cause === 'cancel' ? 'cancel' : 'return',
              returnId: p.cause === 'cancel' ? null : p.cause,
              at: now,
              receivable,
            },
            at: now,
          },
          now,
        ),
      ]);
      return take;
    });
    if (typeof booked === 'number') refunded += booked;
  }
  await sendRefunds(await db.findAll('wxpay_orders', { orderId: p.orderId }), p.cause);
  return refunded;
}

/** cloudPay.refund for every refund booked for the cause (the same out_refund_no again is the same refund at WeChat Pay). */
async function sendRefunds(payIns: ReadonlyArray<Stored<WxpayOrderDoc>>, cause: string): Promise<void> {
  for (const x of payIns) {
    const no = outRefundNo(x._id, cause);
    const r = x.refunds[no];
    if (!r) continue;
    const res = await sdk().cloudPay['refund']!({
      subMchId: subMchId(),
      nonceStr: nonce(),
      outTradeNo: x._id,
      outRefundNo: no,
      totalFee: x.amount,
      refundFee: r.amount,
    }).catch((e: unknown): Record<string, unknown> => ({ returnCode: 'FAIL', returnMsg: String((e as { errMsg?: string }).errMsg ?? e) }));
    if (res['returnCode'] !== 'SUCCESS' || res['resultCode'] !== 'SUCCESS')
      log.error('cloudPay.refund failed; the same cause again re-sends it', { outRefundNo: no, res });
  }
}
