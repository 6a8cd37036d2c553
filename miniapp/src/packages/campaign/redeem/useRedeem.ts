import { useState } from 'react';
import Taro from '@tarojs/taro';
import { parseCouponCode } from '@shared/campaigns';
import type { CouponView } from '@shared/contracts';
import { call } from '../../../services/cloud';
import { yuanToFen } from '../format';

interface Redeem {
  /** The code as typed or scanned. */
  text: string;
  /** The coupon looked up, until it is redeemed. */
  coupon: CouponView | null;
  /** The sale amount in 元, as typed. */
  amount: string;
  error: string;
  /** The coupon just redeemed. */
  done: CouponView | null;
  busy: boolean;
}

const START: Redeem = { text: '', coupon: null, amount: '', error: '', done: null, busy: false };

/**
 * 到店核销 as steps: look the code up (scanned or typed), then redeem it with the sale amount. A
 * code that is not one is refused here; everything else the server says.
 */
export function useRedeem() {
  const [r, setR] = useState<Redeem>(START);
  const set = (patch: Partial<Redeem>) => setR((s) => ({ ...s, ...patch }));

  const lookUp = async (raw: string) => {
    set({ error: '', done: null, coupon: null });
    const code = parseCouponCode(raw);
    if (!code) return set({ error: '券码应为 12 位字母和数字，请核对后重新输入' });
    set({ busy: true });
    const res = await call('campaigns', 'coupon', { couponCode: code });
    set(res.ok ? { busy: false, coupon: res.data } : { busy: false, error: res.error.message });
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      set({ text: res.result });
      await lookUp(res.result);
    } catch {
      // Cancelled: nothing to do.
    }
  };

  const redeem = async () => {
    if (!r.coupon) return;
    const fen = yuanToFen(r.amount);
    if (fen === null) return set({ error: '请填写本次消费金额（元），如 88 或 88.50' });
    set({ busy: true, error: '' });
    const res = await call('campaigns', 'redeem', { couponCode: r.coupon.couponCode, saleAmount: fen });
    if (!res.ok) return set({ busy: false, error: res.error.message });
    setR({ ...START, done: res.data.coupon });
    void Taro.showToast({ title: '核销成功', icon: 'success' });
  };

  return { r, set, lookUp, scan, redeem };
}
