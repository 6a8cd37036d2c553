import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ErrorBody } from '@shared/envelope';
import type { Address } from '@shared/orders/schemas';
import { refusalToast, SUBMIT_FAILURE_ID } from '../../components/SubmitFailure';
import type { Priced } from '../../hooks/useQuote';
import { checkoutId, finishCheckout, removeOrderedLines, saveLastAddress } from '../../services/checkout';
import { call } from '../../services/cloud';
import { askConsent } from '../../services/notifications';

export interface SubmitRequest {
  priced: Priced;
  address: Address;
  remark: string;
  rebateToUse: number;
}

/**
 * 提交订单: sends what the buyer chose plus the checkout's idempotency key (services/checkout),
 * so a double tap or a retry after a lost answer makes one order. On success the page goes to
 * the order; on CONFLICT (this key already made another order, or a per-dealer promotion was
 * just used up) the checkout starts over and `onConflict` re-prices.
 *
 * A refusal is told where the finger is: a toast saying what to change, and the page scrolls the
 * refusal card (SubmitFailure) into view — it sits below the fold on a phone.
 */
export function useSubmitOrder(onConflict: () => void): {
  busy: boolean;
  failure: ErrorBody | null;
  clearFailure: () => void;
  submit: (req: SubmitRequest) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorBody | null>(null);
  // Taps land faster than React re-renders the disabled button: guard synchronously as well.
  const submitting = useRef(false);

  // After the card is drawn: the platform renders on its next tick, then the selector can be measured.
  // https://developers.weixin.qq.com/miniprogram/dev/api/ui/scroll/wx.pageScrollTo.html (selector: base library 2.7.3+)
  useEffect(() => {
    if (!failure) return;
    Taro.nextTick(() => void Taro.pageScrollTo({ selector: `#${SUBMIT_FAILURE_ID}`, offsetTop: -16, duration: 300 }).catch(() => undefined));
  }, [failure]);

  const submit = async ({ priced, address, remark, rebateToUse }: SubmitRequest): Promise<void> => {
    if (submitting.current) return;
    submitting.current = true;
    setBusy(true);
    setFailure(null);
    // Still inside the tap: WeChat opens its consent dialog only now. The order goes once it is answered.
    await askConsent('submit_order');
    const sent = priced.sent;
    const res = await call('orders', 'submit', {
      clientOrderId: checkoutId(),
      lines: sent.map((l) => ({ sku: l.sku, qty: l.qty, unit: l.unit })),
      address,
      remark: remark.trim(),
      rebateToUse,
    });
    if (res.ok) {
      const order = res.data.order;
      saveLastAddress(address);
      finishCheckout();
      removeOrderedLines(
        sent,
        order.lines.filter((l) => l.kind === 'item').map((l) => l.sku),
      );
      void Taro.showToast({ title: res.data.replayed ? '订单已提交（未重复下单）' : '订单已提交', icon: 'success' });
      // The button stays busy: this checkout is over.
      void Taro.redirectTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(order.id)}` });
      return;
    }
    submitting.current = false;
    setBusy(false);
    if (res.error.code === 'CONFLICT') {
      finishCheckout();
      onConflict();
    }
    // icon 'none' lets the toast run to two lines: https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showToast.html
    void Taro.showToast({ title: refusalToast(res.error, priced.result), icon: 'none', duration: 3000 });
    setFailure(res.error);
  };

  return { busy, failure, clearFailure: () => setFailure(null), submit };
}
