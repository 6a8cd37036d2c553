import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { groupCouponCode, parseCouponCode } from '@shared/campaigns';
import type { CouponView } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghai } from '@shared/time';
import { call } from '../../../services/cloud';
import { couponValueText, yuanToFen } from '../format';
import '../components/campaign.scss';
import './index.scss';

const STATUS: Record<CouponView['status'], string> = { issued: '可核销', redeemed: '已核销', expired: '已过期' };

/**
 * 到店核销: a clerk scans the consumer's coupon (WeChat) or types its code (H5 and as a fallback),
 * checks it, enters the sale amount in 元 and redeems it. A coupon redeems once; the server
 * says when and by whom if it already was.
 */
export default function RedeemPage() {
  const [text, setText] = useState('');
  const [coupon, setCoupon] = useState<CouponView | null>(null);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState<CouponView | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async (raw: string) => {
    setError('');
    setDone(null);
    setCoupon(null);
    const code = parseCouponCode(raw);
    if (!code) {
      setError('券码应为 12 位字母和数字，请核对后重新输入');
      return;
    }
    setBusy(true);
    const res = await call('campaigns', 'coupon', { couponCode: code });
    setBusy(false);
    if (res.ok) setCoupon(res.data);
    else setError(res.error.message);
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setText(res.result);
      await lookUp(res.result);
    } catch {
      // Cancelled: nothing to do.
    }
  };

  const redeem = async () => {
    if (!coupon) return;
    const fen = yuanToFen(amount);
    if (fen === null) {
      setError('请填写本次消费金额（元），如 88 或 88.50');
      return;
    }
    setBusy(true);
    setError('');
    const res = await call('campaigns', 'redeem', { couponCode: coupon.couponCode, saleAmount: fen });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setDone(res.data.coupon);
    setCoupon(null);
    setText('');
    setAmount('');
    void Taro.showToast({ title: '核销成功', icon: 'success' });
  };

  return (
    <View className="page campaign-page redeem">
      <View className="campaign-card">
        <Text className="campaign-section-title">扫描或输入顾客的优惠券</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="redeem-scan" type="primary" block onClick={() => void scan()}>
            扫码核销
          </Button>
        ) : null}
        <Input className="campaign-input redeem-code" placeholder="输入 12 位券码" maxlength={20} value={text} onInput={(e) => setText(e.detail.value)} />
        <Button className="redeem-lookup" block disabled={busy} onClick={() => void lookUp(text)}>
          查询券码
        </Button>
        {error ? <Text className="campaign-error redeem-error">{error}</Text> : null}
      </View>

      {coupon ? (
        <View className="campaign-card redeem-coupon">
          <View className="campaign-row">
            <Text className="campaign-section-title">{coupon.title}</Text>
            <Text className={`redeem-status redeem-status-${coupon.status}`}>{STATUS[coupon.status]}</Text>
          </View>
          <Text className="campaign-muted">
            {coupon.campaignTitle} · {couponValueText(coupon)}
          </Text>
          <Text className="campaign-muted">
            券码 {groupCouponCode(coupon.couponCode)} · 有效期至 {formatShanghai(coupon.expiresAt, 'date')}
          </Text>
          {coupon.status === 'issued' ? (
            <View className="redeem-form">
              <Input className="campaign-input redeem-amount" type="digit" placeholder="本次消费金额（元）" value={amount} onInput={(e) => setAmount(e.detail.value)} />
              <Button className="redeem-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void redeem()}>
                确认核销
              </Button>
            </View>
          ) : coupon.redeemedAt ? (
            <Text className="campaign-muted">
              已于 {formatShanghai(coupon.redeemedAt)} 核销，消费 {formatFen(coupon.saleAmount ?? 0)}
            </Text>
          ) : null}
        </View>
      ) : null}

      {done ? (
        <View className="campaign-card redeem-done">
          <Text className="campaign-section-title">核销成功</Text>
          <Text className="campaign-muted">
            {done.title} · 消费 {formatFen(done.saleAmount ?? 0)} · {formatShanghai(done.redeemedAt ?? 0)}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
