import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';

/** The lines with what has shipped of each, the gifts, and the totals (list price, discount, payable). */
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
            <Text className="order-line-payable">{formatFen(l.payable)}</Text>
          </View>
          <Text className="order-line-qty">
            订 {l.qty} 件 · 已发 {l.shippedQty} 件 · 单价 {formatFen(l.unitPrice)}
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
      <View className="order-row">
        <Text>商品金额</Text>
        <Text>{formatFen(o.listTotal)}</Text>
      </View>
      <View className="order-row">
        <Text>优惠</Text>
        <Text className="order-discount">-{formatFen(o.listTotal - o.payable)}</Text>
      </View>
      <View className="order-row order-row-payable">
        <Text>应付</Text>
        <Text className="order-payable">{formatFen(o.payable)}</Text>
      </View>
    </View>
  );
}
