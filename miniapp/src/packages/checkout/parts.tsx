import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button, Switch } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteLine } from '@shared/pricing/types';
import { GiftLines } from '../../components/GiftLines';
import type { LineStock } from '../../components/StockTag';
import { LineStockTag, lineStock } from '../../components/StockTag';

const REMARK_MAX = 200;

/** 商品（n 种）: what is ordered, as priced, with its stock; gifts after the items. */
export function CheckoutLines({ lines, available }: { lines: readonly QuoteLine[]; available: Readonly<Record<string, number>> }) {
  const items = lines.filter((l) => l.kind === 'item');
  return (
    <View className="card checkout-lines">
      <Text className="checkout-section-title">商品（{items.length} 种）</Text>
      {items.map((l) => (
        <CheckoutLine key={l.sku} line={l} stock={lineStock(available[l.sku] ?? 0, l)} />
      ))}
      <GiftLines scope="checkout" lines={lines} />
    </View>
  );
}

/**
 * One line at its list amount (原价), so the lines add up to 原价合计; what the rules took off
 * shows beside it and adds up to 优惠. The rebate is never spread into a line: it has its own row.
 */
function CheckoutLine({ line, stock }: { line: QuoteLine; stock: LineStock }) {
  const off = line.listAmount - line.amount + line.orderDiscount;
  return (
    <View className={`checkout-line checkout-line-${line.sku}`}>
      <View className="checkout-line-head">
        <Text className="checkout-line-name">{line.name || line.sku}</Text>
        <LineStockTag stock={stock} className="checkout-line-stock" />
        {line.error ? null : <Text className="checkout-line-amount">{formatFen(line.listAmount)}</Text>}
      </View>
      <Text className="checkout-line-meta">
        {line.orderedQty} {line.orderedUnit}
        {line.orderedUnit !== line.baseUnit ? ` = ${line.qty} ${line.baseUnit}` : ''}
        {line.error ? '' : ` · 成交价 ${formatFen(line.unitPrice)}/${line.baseUnit}`}
        {!line.error && off > 0 ? ` · 优惠 -${formatFen(off)}` : ''}
      </Text>
    </View>
  );
}

/**
 * Lines the stock does not cover now: said before 提交订单, with the quantity that fits, since
 * submit would refuse them (it re-checks stock in its transaction; this is the early word).
 */
export function StockWarning({
  lines,
  available,
  onFix,
}: {
  lines: readonly QuoteLine[];
  available: Readonly<Record<string, number>>;
  onFix: (sku: string, qty: number) => void;
}) {
  const short = lines
    .filter((l) => l.kind === 'item' && !l.error)
    .map((l) => ({ line: l, stock: lineStock(available[l.sku] ?? 0, l) }))
    .filter((x) => x.stock.state === 'short' || x.stock.state === 'out');
  if (short.length === 0) return null;
  return (
    <View className="checkout-error checkout-stock-warn">
      <Text className="checkout-error-title">{short.length} 种商品库存不够，现在提交会被拒绝</Text>
      {short.map(({ line: l, stock }) => (
        <View key={l.sku} className={`checkout-stock-warn-line checkout-stock-warn-${l.sku}`}>
          <Text className="checkout-stock-warn-text">
            {l.name}：要 {l.qty} {l.baseUnit}，{stock.text}
          </Text>
          <Text className="checkout-stock-warn-fix" onClick={() => onFix(l.sku, stock.fit)}>
            {stock.fit > 0 ? `改为 ${stock.fit} ${l.orderedUnit}` : '移除该商品'}
          </Text>
        </View>
      ))}
    </View>
  );
}

export function RemarkCard({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <View className="card checkout-remark">
      <Text className="checkout-section-title">备注</Text>
      <Textarea
        className="checkout-remark-input"
        value={value}
        maxlength={REMARK_MAX}
        placeholder="选填：送货时间、卸货要求等"
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/**
 * 返利抵扣 with a real switch (NutUI Switch) showing the state; a tap anywhere on the 44 px row flips
 * it. The switch lets taps through to the row (pointer-events: none in index.scss), and it is
 * controlled, so one tap is one flip.
 */
export function RebateRow({ balance, max, on, onToggle }: { balance: number; max: number; on: boolean; onToggle: () => void }) {
  return (
    <View className={`checkout-row checkout-rebate${on ? ' checkout-rebate-on' : ''}`} onClick={onToggle}>
      <View className="checkout-rebate-label">
        <Text>返利抵扣</Text>
        <Text className="checkout-rebate-hint muted">
          余额 {formatFen(balance)}，本单最多 {formatFen(max)}
        </Text>
      </View>
      <Text className="checkout-rebate-amount">{on ? `-${formatFen(max)}` : '不使用'}</Text>
      <Switch className="checkout-rebate-switch" checked={on} aria-label="使用返利抵扣" />
    </View>
  );
}

/** Lines the quote refused: the order cannot go until they are fixed in the cart. */
export function BlockedLines({ lines }: { lines: readonly QuoteLine[] }) {
  const blocked = lines.filter((l) => l.kind === 'item' && l.error);
  if (blocked.length === 0) return null;
  return (
    <View className="checkout-error checkout-blocked">
      <Text className="checkout-error-title">{blocked.length} 种商品暂不能下单</Text>
      {blocked.map((l) => (
        <Text key={l.sku} className="checkout-error-text">
          {l.name || l.sku}：{l.error?.message}
        </Text>
      ))}
      <View className="checkout-error-action" onClick={() => void Taro.navigateBack()}>
        返回购物车修改
      </View>
    </View>
  );
}

/**
 * 应付 and 提交订单 (NutUI's Button: already in the main package through PageState, so it costs
 * nothing here). Disabled while busy or while a line blocks the order; the label says which.
 */
export function SubmitBar({ payable, busy, off, onSubmit }: { payable: number; busy: boolean; off: boolean; onSubmit: () => void }) {
  return (
    <View className="checkout-bar">
      <View className="checkout-bar-sum">
        <Text className="checkout-bar-label">应付</Text>
        <Text className="checkout-bar-payable">{formatFen(payable)}</Text>
      </View>
      <Button
        className={`checkout-submit${busy ? ' checkout-submit-busy' : ''}${off ? ' checkout-submit-off' : ''}`}
        type="primary"
        disabled={busy || off}
        onClick={onSubmit}
      >
        {busy ? '提交中…' : '提交订单'}
      </Button>
    </View>
  );
}
