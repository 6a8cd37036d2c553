import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteResult } from '@shared/pricing/types';

/** Where the totals sit: each page keeps its own class names (styles and tests select them). */
export type QuoteScope = 'cart' | 'checkout';

const CLASSES: Record<QuoteScope, { box: string; row: string; list: string; discount: string; gifts: string; payableRow: string; payable: string }> = {
  cart: {
    box: 'cart-totals',
    row: 'cart-total-row',
    list: 'cart-total-list',
    discount: 'cart-total-discount',
    gifts: 'cart-total-gifts',
    payableRow: 'cart-total-row-payable',
    payable: 'cart-total-payable',
  },
  checkout: {
    box: 'checkout-totals',
    row: 'checkout-row',
    list: 'checkout-list-total',
    discount: 'checkout-discount',
    gifts: 'checkout-gifts',
    payableRow: 'checkout-row-payable',
    payable: 'checkout-payable',
  },
};

/**
 * A quote's totals: 商品金额, 优惠, (赠品价值), 应付. `payable` overrides the quote's when the page
 * deducts something the quote does not know yet (checkout's rebate); `children` are rows between
 * 优惠 and 应付, `note` a line under them.
 */
export function QuoteTotals({
  scope,
  totals,
  payable = totals.payable,
  showGiftValue = false,
  children,
  note,
}: {
  scope: QuoteScope;
  totals: QuoteResult['totals'];
  payable?: number;
  showGiftValue?: boolean;
  children?: ReactNode;
  note?: ReactNode;
}) {
  const c = CLASSES[scope];
  return (
    <View className={`card ${c.box}`}>
      <View className={c.row}>
        <Text>商品金额</Text>
        <Text className={c.list}>{formatFen(totals.listTotal)}</Text>
      </View>
      <View className={c.row}>
        <Text>优惠</Text>
        <Text className={c.discount}>-{formatFen(totals.discountTotal)}</Text>
      </View>
      {showGiftValue && totals.giftValue > 0 ? (
        <View className={c.row}>
          <Text>赠品价值</Text>
          <Text className={c.gifts}>{formatFen(totals.giftValue)}</Text>
        </View>
      ) : null}
      {children}
      <View className={`${c.row} ${c.payableRow}`}>
        <Text>应付</Text>
        <Text className={c.payable}>{formatFen(payable)}</Text>
      </View>
      {note}
    </View>
  );
}
