import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money/format-fen';
import { PageState } from '../../components/PageState';

/**
 * 去结算: opens 确认订单 (packages/checkout), which re-reads the cart and re-prices it. Off while
 * a line needs fixing (blocked = lines with errors) or a new price is on its way.
 *
 * NutUI's Button (already in the main package through PageState, so no size cost).
 */
export function CheckoutBar({ payable, blocked, pending }: { payable: number; blocked: number; pending: boolean }) {
  const off = blocked > 0 || pending;
  return (
    <View className="cart-checkout-bar">
      <View className="cart-checkout-sum">
        <Text className="cart-checkout-label">应付</Text>
        <Text className="cart-checkout-payable">{formatFen(payable)}</Text>
        {blocked > 0 ? <Text className="cart-blocked">{blocked} 种商品需调整后才能下单</Text> : null}
      </View>
      <Button
        className={`cart-checkout${off ? ' cart-checkout-off' : ''}${pending ? ' cart-checkout-pending' : ''}`}
        type="primary"
        size="small"
        disabled={off}
        onClick={() => void Taro.navigateTo({ url: '/packages/checkout/index' })}
      >
        去结算
      </Button>
    </View>
  );
}

/** Order-level hints (满减, 满折) on top of the cart; a line's own (tiers, 买赠) sit on that line. */
export function OrderHints({ almost }: { almost: ReadonlyArray<{ ruleId: string; sku: string | null; message: string }> }) {
  return (
    <>
      {almost
        .filter((a) => a.sku === null)
        .map((a) => (
          <View key={`${a.ruleId}-order`} className="cart-almost">
            <Text className="cart-almost-tag">凑单</Text>
            <Text className="cart-almost-text">{a.message}</Text>
          </View>
        ))}
    </>
  );
}

export function CartEmpty({ icon }: { icon: string }) {
  return (
    <PageState
      status="empty"
      icon={icon}
      title="购物车是空的"
      description="去商品页挑选商品，这里会按你的经销商价格汇总，并告诉你每一行价格的由来和再买多少可享满减。"
      action={
        <View className="cart-go-catalog" onClick={() => void Taro.switchTab({ url: '/pages/catalog/index' })}>
          去挑选商品
        </View>
      }
    />
  );
}
