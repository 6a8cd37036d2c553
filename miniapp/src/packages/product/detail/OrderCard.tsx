import { Text, View } from '@tarojs/components';
import type { CatalogDetail } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import type { QuoteLine, QuoteResult } from '@shared/pricing/types';
import { QtyStepper } from '../../../components/QtyStepper';
import { conversion } from './parts';
import type { OrderQty } from './useOrderQty';

/**
 * 订购数量: unit, stepper, what the quantity is in the other unit, its problems (the local check,
 * then the server's) and its live price. `answered` is whether the server has answered for this
 * exact quantity; `line` is its priced line when it did.
 */
export function OrderCard({
  p,
  q,
  offSale,
  pack,
  answered,
  line,
  qtyError,
  quoteFailure,
  almost,
}: {
  p: CatalogDetail;
  q: OrderQty;
  offSale: boolean;
  pack: { name: string; factor: number } | null;
  answered: boolean;
  line: QuoteLine | null;
  qtyError: string | null;
  quoteFailure: string | null;
  almost: QuoteResult['almostReached'];
}) {
  const { unit, qty, rule } = q;
  return (
    <View className="card product-order">
      <Text className="product-section-title">订购数量</Text>
      <View className="product-units">
        {q.units.map((u, i) => (
          // product-unit-0 is the base unit, then each pack unit in the catalog's order.
          <View key={u.name} className={`product-unit product-unit-${i}${u.name === unit ? ' product-unit-active' : ''}`} onClick={() => q.pickUnit(u.name)}>
            {u.factor > 1 ? `按${u.name}（${u.factor}${p.baseUnit}）` : `按${u.name}`}
          </View>
        ))}
      </View>
      <View className="product-stepper-row">
        <QtyStepper
          className="product-stepper"
          value={qty}
          min={rule.min}
          step={rule.step}
          unit={unit}
          max={Math.max(rule.min, q.maxQty)}
          disabled={offSale}
          onChange={q.setQty}
          onRefuse={q.refuse}
          onOverMax={q.overMax}
        />
        <Text className="product-stepper-rule muted">
          {rule.min} {unit}起订{rule.step > 1 ? `，按 ${rule.step} ${unit}递增` : ''}
        </Text>
      </View>
      <Text className="product-stepper-total">{conversion(qty, unit, rule.factor, p.baseUnit, pack)}</Text>
      {q.hint ? <Text className="product-stepper-hint">{q.hint}</Text> : null}
      {!offSale && q.qty > q.maxQty ? (
        <Text className="product-stock-cap">
          {q.maxQty > 0 ? `库存现有 ${p.available} ${p.baseUnit}，最多可订 ${q.maxQty} ${unit}` : `库存不足起订量，暂不能按${unit}订购`}
        </Text>
      ) : null}
      {qtyError ? <Text className="product-qty-error">{qtyError}</Text> : null}
      {quoteFailure ? <Text className="product-quote-error">计价失败：{quoteFailure}</Text> : null}
      <View className="product-quote">
        {line && !line.error ? (
          <>
            <Text className="product-quote-amount">小计 {formatFen(line.amount)}</Text>
            <Text className="product-quote-unit-price">
              {formatFen(line.unitPrice)}/{p.baseUnit} · 共 {line.qty} {p.baseUnit}
            </Text>
          </>
        ) : !answered && !qtyError ? (
          <Text className="product-quote-pending muted">计价中…</Text>
        ) : null}
      </View>
      {almost.map((a) => (
        <Text key={`${a.ruleId}-${a.sku ?? ''}`} className="product-almost">
          {a.message}
        </Text>
      ))}
    </View>
  );
}
