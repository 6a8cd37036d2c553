import { Text, View } from '@tarojs/components';
import { groupCouponCode } from '@shared/campaigns';
import type { CouponView } from '@shared/contracts';
import { formatShanghai } from '@shared/time';
import { QrGrid } from '../components/QrGrid';

const COUPON_STATUS: Record<CouponView['status'], string> = { issued: '待使用', redeemed: '已使用', expired: '已过期' };

/** The consumer's coupon: its state, where to use it, the code as a QR to scan and as text, until when. */
export function CouponCard({ coupon }: { coupon: CouponView }) {
  return (
    <View className={`campaign-card landing-coupon landing-coupon-${coupon.status}`}>
      <View className="campaign-row">
        <Text className="campaign-section-title">{coupon.title}</Text>
        <Text className="landing-coupon-status">{COUPON_STATUS[coupon.status]}</Text>
      </View>
      <Text className="campaign-muted">到 {coupon.dealerName} 出示此券，由店员扫码核销</Text>
      <View className="landing-coupon-qr">
        <QrGrid text={coupon.couponCode} />
      </View>
      <Text className="landing-coupon-code">{groupCouponCode(coupon.couponCode)}</Text>
      <Text className="campaign-muted">有效期至 {formatShanghai(coupon.expiresAt, 'date')}</Text>
    </View>
  );
}
