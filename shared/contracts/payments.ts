import { z } from 'zod';
import { action } from '../contract';
import { MAX_WXPAY_FEN } from '../payments/wxpay';

const id = z.string().min(1).max(80);

/**
 * What wx.requestPayment needs, as CloudPay.unifiedOrder answers it (`payment`):
 * https://developers.weixin.qq.com/miniprogram/dev/api/payment/wx.requestPayment.html
 */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** A pay-in started: what to pay and the parameters of the platform's pay sheet. */
export interface PayOutput {
  outTradeNo: string;
  /** Fen. */
  amount: number;
  payment: RequestPaymentParams;
}

/** Where a pay-in stands: paid once the payment callback recorded it. */
export interface PayStatusOutput {
  outTradeNo: string;
  amount: number;
  status: 'pending' | 'paid';
  /** The dealer's receivable now, fen (negative: prepaid). */
  receivable: number;
}

/** One node of a waybill's path (logistics.getPath's path_item_list), at in epoch ms. */
export interface TrackNode {
  at: number;
  type: number;
  label: string;
  msg: string;
}

export interface TrackOutput {
  shipments: Array<{ no: number; carrier: string; trackingNo: string; path: TrackNode[]; error: string | null }>;
}

/** Paying online (WeChat Pay through cloud payment) and tracking: actions of the orders function. */
export const payActions = {
  /** Pay one of the caller's orders with WeChat Pay: what it still asks (payable less what its pay-ins brought in). */
  payOrder: action<PayOutput>()(z.strictObject({ orderId: id }), { orderId: 'order-000001' }),
  /** Pay down the dealer's receivable (在线还款), fen: > 0 and at most what is owed (no prepaying through WeChat Pay). */
  payDown: action<PayOutput>()(z.strictObject({ amount: z.number().int().min(1).max(MAX_WXPAY_FEN) }), { amount: 100000 }),
  /** A pay-in of the caller's dealer: pending until the payment callback recorded it. */
  payStatus: action<PayStatusOutput>()(z.strictObject({ outTradeNo: z.string().regex(/^[0-9A-Za-z_-]{1,32}$/) }), {
    outTradeNo: 'W0123456789abcdef0123456789abcd',
  }),
  /** The carrier's tracking timeline of each shipment of an order the caller may see (logistics.getPath). */
  track: action<TrackOutput>()(z.strictObject({ orderId: id }), { orderId: 'order-000001' }),
};
