import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { moneyBreakdown } from '@shared/pricing/breakdown';
import { MoneyTotals } from '../../../components/QuoteTotals';

/**
 * The lines with what has shipped of each, the gifts, and the breakdown 原价合计 − 优惠 − 返利抵扣
 * = 应付. Each line shows its list amount, so the lines add up to 原价合计; the price it went at
 * is beside it. The rebate is its own row, never spread into the lines.
 */
export function OrderLines({ order: o }: { order: OrderView }) {
  const items = o.lines.filter((l) => l.kind === 'item');
  const gifts = o.lines.filter((l) => l.kind === 'gift');
  return (
    <View className="card order-lines">
      <Text className="order-section-title">商品（{items.length} 种）</Text>
      {items.map((l) => (
        <View key={`item-${l.sku}`} className={`order-line order-line-${l.sku}`}>
          <View className="order-line-head">
            <Text className="order-line-name">{l.name}</Text>
            <Text className="order-line-amount">{formatFen(l.qty * l.listPrice)}</Text>
          </View>
          <Text className="order-line-qty">
            订 {l.qty} 件 · 已发 {l.shippedQty} 件 · 原价 {formatFen(l.listPrice)} · 成交单价 {formatFen(l.unitPrice)}
          </Text>
        </View>
      ))}
      {gifts.map((l) => (
        <View key={`gift-${l.sku}`} className="order-line order-line-gift">
          <View className="order-line-head">
            <Text className="order-gift-tag">赠品</Text>
            <Text className="order-line-name">{l.name}</Text>
          </View>
          <Text className="order-line-qty">
            {l.qty} 件 · 已发 {l.shippedQty} 件
          </Text>
        </View>
      ))}
      <MoneyTotals scope="order" money={moneyBreakdown(o.listTotal, o.payable, o.rebateUsed)} />
    </View>
  );
}
