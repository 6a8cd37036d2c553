import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * WeChat Pay through cloud payment (云支付), locally: what `cloud.cloudPay.*` reaches. wx-server-sdk
 * sends each call as `wx.wxPayApi` with the API's name and its arguments as snake_case JSON, and
 * reads back JSON (the SDK turns it into camelCase). Answers follow the documented shapes:
 * - unifiedOrder: https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.unifiedOrder.html
 * - queryOrder: https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.queryOrder.html
 * - refund: https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.refund.html
 * A business failure is return_code SUCCESS with result_code FAIL and err_code / err_code_des, as
 * WeChat Pay's v2 API answers; a malformed call is return_code FAIL with return_msg.
 *
 * What WeChat keeps (the trade, its state, its refunds) lives in the local cloud's SQLite file
 * beside the database, like the subscription grants: the functions can only see it through these calls.
 */

export interface LocalTrade {
  outTradeNo: string;
  subMchId: string;
  totalFee: number;
  body: string;
  attach: string;
  envId: string;
  functionName: string;
  /** Who ordered it: the openid of the invocation that called unifiedOrder. */
  openid: string;
  state: 'NOTPAY' | 'SUCCESS' | 'REFUND';
  prepayId: string;
  transactionId: string | null;
  timeEnd: string | null;
  refunds: Array<{ outRefundNo: string; refundId: string; refundFee: number }>;
}

const MERCHANT = { appid: 'wx0000000000local', mchId: '1800000001' };

const hex = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);
const digits = (s: string, n: number) =>
  BigInt(`0x${hex(s, 24)}`)
    .toString()
    .padStart(n, '0')
    .slice(-n);

/** yyyyMMddHHmmss in Asia/Shanghai (time_end's format). */
function timeEnd(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function fail(code: string, des: string): Record<string, unknown> {
  return { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'FAIL', err_code: code, err_code_des: des };
}

export class LocalWxPay {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS local_wxpay (out_trade_no TEXT PRIMARY KEY, body TEXT NOT NULL)');
  }

  trade(outTradeNo: string): LocalTrade | null {
    const row = this.db.prepare('SELECT body FROM local_wxpay WHERE out_trade_no = ?').pluck().get(outTradeNo) as string | undefined;
    return row ? (JSON.parse(row) as LocalTrade) : null;
  }

  private save(t: LocalTrade): void {
    this.db
      .prepare('INSERT INTO local_wxpay (out_trade_no, body) VALUES (?, ?) ON CONFLICT (out_trade_no) DO UPDATE SET body = excluded.body')
      .run(t.outTradeNo, JSON.stringify(t));
  }

  /** One cloudPay API call: snake_case arguments in, the JSON answer out. */
  call(api: string, data: Record<string, unknown>, openid: string): Record<string, unknown> {
    switch (api) {
      case 'unifiedOrder':
        return this.unifiedOrder(data, openid);
      case 'queryOrder':
        return this.queryOrder(data);
      case 'refund':
        return this.refund(data);
      default:
        return { return_code: 'FAIL', return_msg: `local cloud does not implement cloudPay.${api}` };
    }
  }

  private unifiedOrder(d: Record<string, unknown>, openid: string): Record<string, unknown> {
    const need = ['body', 'out_trade_no', 'spbill_create_ip', 'sub_mch_id', 'total_fee', 'env_id', 'function_name', 'nonce_str'];
    const missing = need.find((k) => d[k] === undefined || d[k] === '');
    if (missing) return { return_code: 'FAIL', return_msg: `缺少参数 ${missing}` };
    const outTradeNo = String(d['out_trade_no']);
    const totalFee = d['total_fee'];
    if (!/^[0-9A-Za-z_-]{1,32}$/.test(outTradeNo)) return { return_code: 'FAIL', return_msg: 'out_trade_no 格式错误' };
    if (typeof totalFee !== 'number' || !Number.isInteger(totalFee) || totalFee < 1) return { return_code: 'FAIL', return_msg: 'total_fee 须为正整数（分）' };
    if (!openid) return fail('PARAM_ERROR', 'JSAPI 支付须有用户 openid');
    const before = this.trade(outTradeNo);
    if (before?.state === 'SUCCESS' || before?.state === 'REFUND') return fail('ORDERPAID', '该订单已支付');
    if (before && before.totalFee !== totalFee) return fail('INVALID_REQUEST', '201 商户订单号重复');
    const trade: LocalTrade = before ?? {
      outTradeNo,
      subMchId: String(d['sub_mch_id']),
      totalFee,
      body: String(d['body']),
      attach: typeof d['attach'] === 'string' ? d['attach'] : '',
      envId: String(d['env_id']),
      functionName: String(d['function_name']),
      openid,
      state: 'NOTPAY',
      prepayId: `wx${hex(`prepay\n${outTradeNo}`, 30)}`,
      transactionId: null,
      timeEnd: null,
      refunds: [],
    };
    this.save(trade);
    const nonce = hex(`nonce\n${outTradeNo}\n${this.clock()}`, 32);
    const payment = {
      appId: MERCHANT.appid,
      timeStamp: String(Math.floor(this.clock() / 1000)),
      nonceStr: nonce,
      package: `prepay_id=${trade.prepayId}`,
      signType: 'MD5',
      paySign: hex(`sign\n${trade.prepayId}\n${nonce}`, 32).toUpperCase(),
    };
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: MERCHANT.appid,
      mch_id: MERCHANT.mchId,
      sub_appid: MERCHANT.appid,
      sub_mch_id: trade.subMchId,
      nonce_str: nonce,
      result_code: 'SUCCESS',
      trade_type: 'JSAPI',
      prepay_id: trade.prepayId,
      payment,
    };
  }

  private find(d: Record<string, unknown>): LocalTrade | null {
    if (typeof d['out_trade_no'] === 'string') return this.trade(d['out_trade_no']);
    if (typeof d['transaction_id'] === 'string') {
      const rows = this.db.prepare('SELECT body FROM local_wxpay').pluck().all() as string[];
      return rows.map((r) => JSON.parse(r) as LocalTrade).find((t) => t.transactionId === d['transaction_id']) ?? null;
    }
    return null;
  }

  private queryOrder(d: Record<string, unknown>): Record<string, unknown> {
    if (!d['sub_mch_id'] || !d['nonce_str']) return { return_code: 'FAIL', return_msg: '缺少参数 sub_mch_id 或 nonce_str' };
    const t = this.find(d);
    if (!t || t.subMchId !== d['sub_mch_id']) return fail('ORDERNOTEXIST', '此交易订单号不存在');
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      result_code: 'SUCCESS',
      sub_mch_id: t.subMchId,
      openid: t.openid,
      trade_type: 'JSAPI',
      trade_state: t.state,
      trade_state_desc: t.state === 'SUCCESS' ? '支付成功' : t.state === 'REFUND' ? '转入退款' : '订单未支付',
      total_fee: t.totalFee,
      out_trade_no: t.outTradeNo,
      attach: t.attach,
      ...(t.transactionId ? { transaction_id: t.transactionId, time_end: t.timeEnd, cash_fee: t.totalFee, bank_type: 'OTHERS' } : {}),
    };
  }

  private refund(d: Record<string, unknown>): Record<string, unknown> {
    const need = ['sub_mch_id', 'nonce_str', 'out_refund_no', 'total_fee', 'refund_fee'];
    const missing = need.find((k) => d[k] === undefined || d[k] === '');
    if (missing) return { return_code: 'FAIL', return_msg: `缺少参数 ${missing}` };
    const t = this.find(d);
    if (!t || t.subMchId !== d['sub_mch_id']) return fail('ORDERNOTEXIST', '此交易订单号不存在');
    if (!t.transactionId) return fail('TRADE_STATE_ERROR', '订单未支付，不能退款');
    const refundFee = d['refund_fee'];
    if (d['total_fee'] !== t.totalFee) return fail('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致');
    if (typeof refundFee !== 'number' || !Number.isInteger(refundFee) || refundFee < 1) return fail('PARAM_ERROR', 'refund_fee 须为正整数（分）');
    const outRefundNo = String(d['out_refund_no']);
    const same = t.refunds.find((r) => r.outRefundNo === outRefundNo);
    if (same && same.refundFee !== refundFee) return fail('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致');
    let refund = same;
    if (!refund) {
      const done = t.refunds.reduce((n, r) => n + r.refundFee, 0);
      if (done + refundFee > t.totalFee) return fail('INVALID_REQUEST', '申请退款总金额超过订单金额');
      if (t.refunds.length >= 50) return fail('INVALID_REQUEST', '部分退款次数已达 50 次');
      refund = { outRefundNo, refundId: `50${digits(`refund\n${outRefundNo}`, 26)}`, refundFee };
      t.refunds.push(refund);
      t.state = 'REFUND';
      this.save(t);
    }
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      result_code: 'SUCCESS',
      sub_mch_id: t.subMchId,
      transaction_id: t.transactionId,
      out_trade_no: t.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: t.totalFee,
      cash_fee: t.totalFee,
    };
  }

  /**
   * The payer confirmed in the pay sheet: the trade is paid (once; a second confirmation changes
   * nothing) and the callback payload is what cloud payment delivers to `functionName`.
   * Refused (null) for a trade that does not exist or another payer's.
   */
  pay(outTradeNo: string, payer: string): { trade: LocalTrade; callback: Record<string, unknown> } | null {
    const t = this.trade(outTradeNo);
    if (!t || t.openid !== payer) return null;
    if (t.state === 'NOTPAY') {
      t.state = 'SUCCESS';
      t.transactionId = `42000${digits(`txn\n${outTradeNo}`, 23)}`;
      t.timeEnd = timeEnd(this.clock());
      this.save(t);
    }
    const callback = {
      returnCode: 'SUCCESS',
      appid: MERCHANT.appid,
      mchId: MERCHANT.mchId,
      subAppid: MERCHANT.appid,
      subMchId: t.subMchId,
      nonceStr: hex(`notify\n${outTradeNo}`, 16),
      resultCode: 'SUCCESS',
      openid: t.openid,
      isSubscribe: 'N',
      subOpenid: t.openid,
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: t.totalFee,
      feeType: 'CNY',
      cashFee: t.totalFee,
      transactionId: t.transactionId,
      outTradeNo: t.outTradeNo,
      timeEnd: t.timeEnd,
      ...(t.attach ? { attach: t.attach } : {}),
    };
    return { trade: t, callback };
  }
}
