import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteLine } from '@shared/pricing/types';
import { GiftLines } from '../../components/GiftLines';

const REMARK_MAX = 200;

/** 商品（n 种）: what is ordered, as priced, gifts after the items. */
export function CheckoutLines({ lines }: { lines: readonly QuoteLine[] }) {
  const items = lines.filter((l) => l.kind === 'item');
  return (
    <View className="card checkout-lines">
      <Text className="checkout-section-title">商品（{items.length} 种）</Text>
      {items.map((l) => (
        <CheckoutLine key={l.sku} line={l} />
      ))}
      <GiftLines scope="checkout" lines={lines} />
    </View>
  );
}

function CheckoutLine({ line }: { line: QuoteLine }) {
  return (
    <View className={`checkout-line checkout-line-${line.sku}`}>
      <View className="checkout-line-head">
        <Text className="checkout-line-name">{line.name || line.sku}</Text>
        {line.error ? null : <Text className="checkout-line-amount">{formatFen(line.payable)}</Text>}
      </View>
      <Text className="checkout-line-meta">
        {line.orderedQty} {line.orderedUnit}
        {line.orderedUnit !== line.baseUnit ? ` = ${line.qty} ${line.baseUnit}` : ''}
        {line.error ? '' : ` · ${formatFen(line.unitPrice)}/${line.baseUnit}`}
        {line.orderDiscount > 0 ? ` · 满减分摊 -${formatFen(line.orderDiscount)}` : ''}
      </Text>
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

/** 返利抵扣: tap to spend the wallet on this order (up to the spend rule's cap). */
export function RebateRow({ balance, max, on, onToggle }: { balance: number; max: number; on: boolean; onToggle: () => void }) {
  return (
    <View className={`checkout-row checkout-rebate${on ? ' checkout-rebate-on' : ''}`} onClick={onToggle}>
      <Text>
        返利抵扣（余额 {formatFen(balance)}，本单最多 {formatFen(max)}）
      </Text>
      <Text className="checkout-rebate-amount">{on ? `-${formatFen(max)}` : '不使用'}</Text>
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
