import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteLine } from '@shared/pricing/types';
import type { QuoteScope } from '../QuoteTotals';

/**
 * The gift lines of a quote (赠品), each with where it came from. The cart also shows what a
 * gift is worth (it is why the buyer might add one more); checkout lists them as part of the order.
 */
export function GiftLines({ scope, lines }: { scope: QuoteScope; lines: readonly QuoteLine[] }) {
  const cart = scope === 'cart';
  return (
    <>
      {lines
        .filter((l) => l.kind === 'gift')
        .map((g, i) => (
          <View key={`gift-${g.sku}-${i}`} className={cart ? 'card cart-line cart-line-gift' : 'checkout-line checkout-line-gift'}>
            <View className={`${scope}-line-head`}>
              <Text className={`${scope}-gift-tag`}>赠品</Text>
              <Text className={`${scope}-line-name`}>{g.name}</Text>
            </View>
            <Text className={`${scope}-line-meta`}>
              {g.qty} {g.baseUnit}
              {cart ? ` · 价值 ${formatFen(g.listAmount || g.listPrice * g.qty)}` : ''}
              {g.gift ? ` · 来自「${g.gift.name}」` : ''}
            </Text>
          </View>
        ))}
    </>
  );
}
