import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { groupCouponCode } from '@shared/campaigns';
import type { CouponView } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghai } from '@shared/time';
import { couponValueText } from '../format';
import { useRedeem } from './useRedeem';
import '../components/campaign.scss';
import './index.scss';

const STATUS: Record<CouponView['status'], string> = { issued: '可核销', redeemed: '已核销', expired: '已过期' };

/**
 * 到店核销: a clerk scans the consumer's coupon (WeChat) or types its code (H5 and as a fallback),
 * checks it, enters the sale amount in 元 and redeems it. A coupon redeems once; the server
 * says when and by whom if it already was.
 */
export default function RedeemPage() {
  const { r, set, lookUp, scan, redeem } = useRedeem();
  const coupon = r.coupon;
  return (
    <View className="page campaign-page redeem">
      <View className="campaign-card">
        <Text className="campaign-section-title">扫描或输入顾客的优惠券</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="redeem-scan" type="primary" block onClick={() => void scan()}>
            扫码核销
          </Button>
        ) : null}
        <Input
          className="campaign-input redeem-code"
          placeholder="输入 12 位券码"
          maxlength={20}
          value={r.text}
          onInput={(e) => set({ text: e.detail.value })}
        />
        <Button className="redeem-lookup" block disabled={r.busy} onClick={() => void lookUp(r.text)}>
          查询券码
        </Button>
        {r.error ? <Text className="campaign-error redeem-error">{r.error}</Text> : null}
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
              <Input
                className="campaign-input redeem-amount"
                type="digit"
                placeholder="本次消费金额（元）"
                value={r.amount}
                onInput={(e) => set({ amount: e.detail.value })}
              />
              <Button className="redeem-submit" type="primary" block loading={r.busy} disabled={r.busy} onClick={() => void redeem()}>
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

      {r.done ? (
        <View className="campaign-card redeem-done">
          <Text className="campaign-section-title">核销成功</Text>
          <Text className="campaign-muted">
            {r.done.title} · 消费 {formatFen(r.done.saleAmount ?? 0)} · {formatShanghai(r.done.redeemedAt ?? 0)}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
