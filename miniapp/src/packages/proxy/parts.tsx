import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CatalogItem, OrderView, PricedCart } from '@shared/contracts';
import { formatFen } from '@shared/money';
import { ORDER_STATUS_LABELS } from '@shared/orders/types';
import { QtyStepper } from '../../components/QtyStepper';

/** One product priced for the dealer, with its stepper (base units, from the MOQ in multiples). */
export function ProxyItem({ item, qty, onQty }: { item: CatalogItem; qty: number; onQty: (qty: number) => void }) {
  return (
    <View className={`card proxy-item proxy-item-${item.sku}`}>
      <View className="proxy-item-head">
        <Text className="proxy-item-name">{item.name}</Text>
        <Text className="proxy-item-price">
          {formatFen(item.price)}/{item.baseUnit}
        </Text>
      </View>
      <Text className="muted">
        {item.spec} · {item.priceLabel ?? '标准价'} · 可用 {item.available} {item.baseUnit}
        {item.tierHint ? ` · ${item.tierHint}` : ''}
      </Text>
      <View className="proxy-item-qty">
        {qty > 0 ? (
          <QtyStepper className="proxy-qty" value={qty} min={item.moq} step={item.multiple} unit={item.baseUnit} onChange={onQty} />
        ) : (
          <Button className="proxy-add" size="small" shape="round" onClick={() => onQty(Math.max(item.moq, item.multiple))}>
            加入
          </Button>
        )}
        {qty > 0 ? (
          <Text className="proxy-remove link" onClick={() => onQty(0)}>
            移除
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** The server's quote for the dealer: every figure and hint is the server's, as on the dealer's own cart. */
export function ProxyQuote({ quote, error }: { quote: PricedCart | null; error: string | null }) {
  if (error) return <View className="card proxy-quote-error">{error}</View>;
  if (!quote) return <View className="card muted proxy-quote-empty">请选择商品，价格按该经销商的价格体系计算</View>;
  return (
    <View className="card proxy-quote">
      <View className="proxy-quote-row">
        <Text>商品金额</Text>
        <Text>{formatFen(quote.totals.listTotal)}</Text>
      </View>
      <View className="proxy-quote-row">
        <Text>应付</Text>
        <Text className="proxy-payable">{formatFen(quote.totals.payable)}</Text>
      </View>
      {quote.almostReached.map((h) => (
        <Text key={h.ruleId} className="proxy-hint muted">
          {h.message}
        </Text>
      ))}
      {quote.errors.map((e, i) => (
        <Text key={`e${i}`} className="proxy-line-error">
          {e.message}
        </Text>
      ))}
    </View>
  );
}

/** What was placed, and what happens next. */
export function ProxyPlaced({ order, dealerName, onOpen }: { order: OrderView; dealerName: string; onOpen: () => void }) {
  const waiting = order.status === 'awaiting_dealer_confirmation';
  return (
    <View className="card proxy-placed">
      <Text className="proxy-placed-title">已为{dealerName}下单</Text>
      <Text className="proxy-placed-status">
        订单 {order.orderNo} · {formatFen(order.payable)} · {ORDER_STATUS_LABELS[order.status]}
      </Text>
      <Text className="muted">{waiting ? '库存和额度已锁定，等待经销商在「订单」中确认。' : '经销商已授权代客下单无需确认，订单已按正常流程处理。'}</Text>
      <Button className="proxy-open-order" shape="round" onClick={onOpen}>
        查看订单
      </Button>
    </View>
  );
}
