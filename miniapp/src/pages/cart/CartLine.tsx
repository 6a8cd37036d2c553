import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { lineFixDetails } from '@shared/contracts/pricing';
import { formatFen } from '@shared/money/format-fen';
import { PriceSteps } from '../../components/PriceSteps';
import { QtyStepper } from '../../components/QtyStepper';
import { LineStockTag, lineStock } from '../../components/StockTag';
import type { Priced } from '../../hooks/useQuote';
import { quotedLine } from '../../hooks/useQuote';
import type { CartEntry } from '../../services/cart';

/** One cart line: quantity, its list amount and what came off it, its price (dimmed while a new one is coming), its hints, its error with fixes, and why it costs that. */
export function CartLine({
  entry,
  priced,
  onQty,
  onRemove,
}: {
  entry: CartEntry;
  priced: Priced;
  onQty: (sku: string, qty: number) => void;
  onRemove: (sku: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const { line, stale } = quotedLine(priced, entry);
  const error = line?.error ?? null;
  const fixes = error ? suggestedQuantities(error.details, entry) : [];
  const stock = line && !stale ? lineStock(priced.result.available[entry.sku] ?? 0, line) : null;
  const off = line ? line.listAmount - line.amount + line.orderDiscount : 0;

  return (
    <View className={`card cart-line cart-line-${entry.sku}${error ? ' cart-line-has-error' : ''}${stale ? ' cart-line-stale' : ''}`}>
      <View className="cart-line-head">
        <Text className="cart-line-name">{line?.name || entry.sku}</Text>
        {stock ? <LineStockTag stock={stock} className="cart-line-stock" /> : null}
        <Button className="cart-line-remove" fill="none" size="small" onClick={() => onRemove(entry.sku)}>
          删除
        </Button>
      </View>
      {stock && stock.state === 'short' ? (
        <View className="cart-line-short">
          <Text className="cart-line-short-text">
            库存不够本行的 {entry.qty} {entry.unit}，提交会被拒绝。
          </Text>
          {stock.fit > 0 ? (
            <Text className="cart-line-fix cart-line-fit" onClick={() => onQty(entry.sku, stock.fit)}>
              改为 {stock.fit} {entry.unit}
            </Text>
          ) : null}
        </View>
      ) : null}
      <View className="cart-line-body">
        <QtyStepper className="cart-line-stepper" value={entry.qty} min={1} step={1} unit={entry.unit} onChange={(q) => onQty(entry.sku, q)} />
        {line && !error ? (
          <View className="cart-line-money">
            {/* The list amount (原价), as on 确认订单 and the order: the lines add up to 原价合计 below,
                and what the rules took off (the line's own and its share of 满减) adds up to 优惠. */}
            <Text className="cart-line-amount">{formatFen(line.listAmount)}</Text>
            {off > 0 ? <Text className="cart-line-off">优惠 -{formatFen(off)}</Text> : null}
            <Text className="cart-line-unit-price">
              成交价 {formatFen(line.unitPrice)}/{line.baseUnit}
              {line.listPrice !== line.unitPrice ? <Text className="cart-line-list-price"> {formatFen(line.listPrice)}</Text> : null}
            </Text>
          </View>
        ) : null}
      </View>
      {line && !error && line.orderedUnit !== line.baseUnit ? (
        <Text className="cart-line-meta">
          {line.orderedQty} {line.orderedUnit} = {line.qty} {line.baseUnit}
        </Text>
      ) : null}
      {!error
        ? priced.result.almostReached
            .filter((a) => a.sku === entry.sku)
            .map((a) => (
              <Text key={a.ruleId} className="cart-line-almost">
                {a.message}
              </Text>
            ))
        : null}
      {error ? (
        <View className="cart-line-error">
          <Text className="cart-line-error-text">{error.message}</Text>
          {fixes.map((q) => (
            <Text key={q} className="cart-line-fix" onClick={() => onQty(entry.sku, q)}>
              改为 {q} {entry.unit}
            </Text>
          ))}
        </View>
      ) : null}
      {line && !error && line.steps.length > 0 ? (
        <View className="cart-line-why">
          <Text className="cart-line-steps-toggle" onClick={() => setOpen(!open)}>
            {open ? '收起价格明细 ▴' : '为什么是这个价 ▾'}
          </Text>
          {open ? <PriceSteps steps={line.steps} baseUnit={line.baseUnit} itemClassName="cart-line-step" /> : null}
        </View>
      ) : null}
    </View>
  );
}

/** Quantities the server said it would accept (LineFixDetails.suggestedQty, in the line's unit). */
function suggestedQuantities(details: Record<string, unknown>, entry: CartEntry): number[] {
  const fix = lineFixDetails(details);
  if (fix.unit !== undefined && fix.unit !== entry.unit) return [];
  const list = fix.suggestedQty === undefined ? [] : Array.isArray(fix.suggestedQty) ? fix.suggestedQty : [fix.suggestedQty];
  return list.filter((q) => Number.isSafeInteger(q) && q >= 1 && q !== entry.qty).slice(0, 2);
}
