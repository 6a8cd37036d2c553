import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import type { MoneyBreakdown } from '@shared/pricing/breakdown';
import { moneyBreakdown } from '@shared/pricing/breakdown';
import type { QuoteResult } from '@shared/pricing/types';

/** Where the totals sit: each page keeps its own class names (styles and tests select them). */
export type QuoteScope = 'cart' | 'checkout' | 'order' | 'statement';

interface Classes {
  box: string;
  row: string;
  list: string;
  discount: string;
  rebate: string;
  gifts: string;
  payableRow: string;
  payable: string;
}

const classesOf = (p: string, row: string, list: string): Classes => ({
  box: `${p}-totals`,
  row,
  list,
  discount: `${p}-discount`,
  rebate: `${p}-rebate-used`,
  gifts: `${p}-gifts`,
  payableRow: `${row}-payable`,
  payable: `${p}-payable`,
});

const CLASSES: Record<QuoteScope, Classes> = {
  cart: { ...classesOf('cart-total', 'cart-total-row', 'cart-total-list'), box: 'cart-totals' },
  checkout: classesOf('checkout', 'checkout-row', 'checkout-list-total'),
  order: classesOf('order', 'order-row', 'order-list-total'),
  statement: classesOf('statement', 'statement-row', 'statement-list-total'),
};

/**
 * The money breakdown (shared/pricing/breakdown): 原价合计 − 优惠 − 返利抵扣 = 应付, the same rows
 * on every page. 返利抵扣 shows when something was spent, or when `children` (checkout's switch)
 * stand in its place; `note` is a line under the card.
 */
export function MoneyTotals({
  scope,
  money,
  giftValue = 0,
  children,
  note,
}: {
  scope: QuoteScope;
  money: MoneyBreakdown;
  giftValue?: number;
  children?: ReactNode;
  note?: ReactNode;
}) {
  const c = CLASSES[scope];
  return (
    <View className={`card ${c.box}`}>
      <View className={c.row}>
        <Text>原价合计</Text>
        <Text className={c.list}>{formatFen(money.listTotal)}</Text>
      </View>
      <View className={c.row}>
        <Text>优惠</Text>
        <Text className={c.discount}>-{formatFen(money.discount)}</Text>
      </View>
      {children ??
        (money.rebate > 0 ? (
          <View className={c.row}>
            <Text>返利抵扣</Text>
            <Text className={c.rebate}>-{formatFen(money.rebate)}</Text>
          </View>
        ) : null)}
      <View className={`${c.row} ${c.payableRow}`}>
        <Text>应付</Text>
        <Text className={c.payable}>{formatFen(money.payable)}</Text>
      </View>
      {giftValue > 0 ? (
        <View className={c.row}>
          <Text className="muted">另送赠品（原价，不计入应付）</Text>
          <Text className={c.gifts}>{formatFen(giftValue)}</Text>
        </View>
      ) : null}
      {note}
    </View>
  );
}

/**
 * A quote's totals as the breakdown. `rebate` is what the page deducts that the quote does not
 * know yet (checkout's wallet choice), on top of any the quote applied.
 */
export function QuoteTotals({
  scope,
  totals,
  rebate = 0,
  showGiftValue = false,
  children,
  note,
}: {
  scope: QuoteScope;
  totals: QuoteResult['totals'];
  rebate?: number;
  showGiftValue?: boolean;
  children?: ReactNode;
  note?: ReactNode;
}) {
  const money = moneyBreakdown(totals.listTotal, totals.payable - rebate, totals.rebateDeduction + rebate);
  return (
    <MoneyTotals scope={scope} money={money} giftValue={showGiftValue ? totals.giftValue : 0} note={note}>
      {children}
    </MoneyTotals>
  );
}
