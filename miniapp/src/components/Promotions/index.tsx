import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import type { AppliedPromotion } from '@shared/pricing/types';
import type { QuoteScope } from '../QuoteTotals';

/** What a promotion saved, in words: 搭赠 gives goods (their value), the rest money off. */
export function savedText(p: AppliedPromotion): string {
  return p.code === 'buy_x_get_y' ? `赠品价值 ${formatFen(p.saved)}` : `省 ${formatFen(p.saved)}`;
}

/** 已享优惠: the promotions a quote applied. Nothing when none applied. */
export function Promotions({ scope, promotions }: { scope: QuoteScope; promotions: readonly AppliedPromotion[] }) {
  if (promotions.length === 0) return null;
  const cart = scope === 'cart';
  return (
    <View className={`card ${scope}-promotions`}>
      <Text className={`${scope}-section-title`}>已享优惠</Text>
      {promotions.map((p) => (
        <View key={p.ruleId} className={cart ? 'cart-promotion' : 'checkout-row checkout-promotion'}>
          <Text className={cart ? 'cart-promotion-name' : undefined}>{p.name}</Text>
          <Text className={cart ? 'cart-promotion-saved' : 'checkout-saved'}>{savedText(p)}</Text>
        </View>
      ))}
    </View>
  );
}
