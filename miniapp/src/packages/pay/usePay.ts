import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { PayOutput, PayStatusOutput } from '@shared/contracts';
import { call } from '../../services/cloud';
import { currentPersona } from '../../services/persona';

/** Where the page stands: choosing, asking the server, the pay sheet open, waiting for the callback, paid, or a failure. */
export type PayPhase =
  | { step: 'idle' }
  | { step: 'starting' }
  | { step: 'sheet'; pay: PayOutput }
  | { step: 'confirming'; pay: PayOutput }
  | { step: 'paid'; pay: PayOutput; status: PayStatusOutput }
  | { step: 'failed'; message: string; pay?: PayOutput };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One online payment: ?orderId= pays that order (去支付), otherwise the dealer pays down its
 * receivable (在线还款, ?owed= the amount owed as the statement showed it, fen). The server makes
 * the pay-in (orders.payOrder / payDown) and the platform's pay sheet takes the money:
 * - weapp: wx.requestPayment with the `payment` cloudPay.unifiedOrder returned
 *   (https://developers.weixin.qq.com/miniprogram/dev/api/payment/wx.requestPayment.html);
 * - the local H5 build: the page's own pay sheet (PaySheet), whose 确认支付 posts to the local
 *   server's /__cloud/pay, which plays WeChat Pay and calls the payment callback back.
 * Either way the payment counts only once the callback recorded it, so the page then asks
 * orders.payStatus until the pay-in is paid.
 */
export function usePay() {
  const params = useRouter().params;
  const orderId = params['orderId'] ?? null;
  const owed = Math.max(0, Number(params['owed']) || 0);
  const [phase, setPhase] = useState<PayPhase>({ step: 'idle' });

  async function waitPaid(pay: PayOutput): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const res = await call('orders', 'payStatus', { outTradeNo: pay.outTradeNo });
      if (res.ok && res.data.status === 'paid') return setPhase({ step: 'paid', pay, status: res.data });
      if (!res.ok) return setPhase({ step: 'failed', message: res.error.message, pay });
      await sleep(500);
    }
    setPhase({ step: 'failed', message: '已付款但到账确认较慢，请稍后在对账单中查看，勿重复支付', pay });
  }

  async function start(amount: number): Promise<void> {
    setPhase({ step: 'starting' });
    const res = orderId ? await call('orders', 'payOrder', { orderId }) : await call('orders', 'payDown', { amount });
    if (!res.ok) return setPhase({ step: 'failed', message: res.error.message });
    if (process.env.TARO_ENV !== 'weapp') return setPhase({ step: 'sheet', pay: res.data });
    try {
      await Taro.requestPayment({ ...res.data.payment, signType: res.data.payment.signType as 'MD5' });
    } catch {
      return setPhase({ step: 'failed', message: '支付已取消或未完成', pay: res.data });
    }
    setPhase({ step: 'confirming', pay: res.data });
    await waitPaid(res.data);
  }

  /** The local pay sheet's 确认支付 (H5 only). */
  async function confirmLocal(pay: PayOutput): Promise<void> {
    // Compiled out of the mini-program: the local server's endpoint never ships to WeChat.
    if (process.env.TARO_ENV === 'weapp' || !LOCAL_CLOUD) return;
    setPhase({ step: 'confirming', pay });
    const res = await fetch('/__cloud/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': currentPersona() },
      body: JSON.stringify({ outTradeNo: pay.outTradeNo }),
    }).catch(() => null);
    if (!res?.ok) return setPhase({ step: 'failed', message: '本地支付未成功，请重试', pay });
    await waitPaid(pay);
  }

  return { orderId, owed, phase, start, confirmLocal, cancelSheet: () => setPhase({ step: 'idle' }) };
}
