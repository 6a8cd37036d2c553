import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { groupCouponCode } from '@shared/campaigns';
import type { ConsentView, CouponView, StoreView } from '@shared/contracts';
import { formatShanghai } from '@shared/time';
import { QrGrid } from '../components/QrGrid';
import { storeMapUrl } from '../format';

const COUPON_STATUS: Record<CouponView['status'], string> = { issued: '待使用', redeemed: '已使用', expired: '已过期' };

/**
 * The store on a map: WeChat's built-in map (wx.openLocation,
 * https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.openLocation.html, GCJ-02), or
 * a map web page on H5, where Taro has no map of its own.
 */
function openMap(store: StoreView & { location: NonNullable<StoreView['location']> }): void {
  if (process.env.TARO_ENV === 'h5') {
    window.open(storeMapUrl(store), '_blank', 'noopener');
    return;
  }
  void Taro.openLocation({ ...store.location, name: store.name, address: store.address ?? '', scale: 17 });
}

/** The consumer's coupon: its state, the store (address, map), the code as a QR to scan and as text, and the consent they may withdraw. */
export function CouponCard(props: { coupon: CouponView; store: StoreView; consent: ConsentView | null; onWithdraw: () => void }) {
  const { coupon, store, consent } = props;
  const location = store.location;
  return (
    <View className={`campaign-card landing-coupon landing-coupon-${coupon.status}`}>
      <View className="campaign-row">
        <Text className="campaign-section-title">{coupon.title}</Text>
        <Text className="landing-coupon-status">{COUPON_STATUS[coupon.status]}</Text>
      </View>
      <Text className="campaign-muted">到 {store.name} 出示此券，由店员扫码核销</Text>
      {store.address ? <Text className="landing-store-address">门店地址：{store.address}</Text> : null}
      {location ? (
        <Button className="landing-store-map" size="small" onClick={() => openMap({ ...store, location })}>
          在地图中查看
        </Button>
      ) : null}
      <View className="landing-coupon-qr">
        <QrGrid text={coupon.couponCode} />
      </View>
      <Text className="landing-coupon-code">{groupCouponCode(coupon.couponCode)}</Text>
      <Text className="campaign-muted">有效期至 {formatShanghai(coupon.expiresAt, 'date')}</Text>
      {consent && consent.withdrawnAt === null ? (
        <Text className="campaign-link landing-withdraw" onClick={props.onWithdraw}>
          撤回同意（删除我的手机号）
        </Text>
      ) : null}
      {consent?.withdrawnAt ? <Text className="campaign-muted landing-withdrawn">您已撤回同意，手机号已删除；优惠券仍可使用。</Text> : null}
    </View>
  );
}
