import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import type { PriceStep } from '@shared/pricing/types';
import './index.scss';

/**
 * 为什么是这个价: the steps that made a line's price, in the order the server applied them. Each
 * row says what the step was, what it did to the unit price, and what it saved (in green).
 * `itemClassName` adds a page's own stable selector to each row (e.g. product-step).
 */
export function PriceSteps({ steps, baseUnit, itemClassName }: { steps: readonly PriceStep[]; baseUnit: string; itemClassName?: string }) {
  if (steps.length === 0) return <Text className="price-steps-none muted">没有价格调整，按目录价计算</Text>;
  return (
    <View className="price-steps">
      {steps.map((s, i) => (
        <View key={`${s.code}-${s.ruleId ?? ''}-${i}`} className={`price-step price-step-${s.kind}${itemClassName ? ` ${itemClassName}` : ''}`}>
          <View className="price-step-main">
            <Text className="price-step-index">{i + 1}</Text>
            <Text className="price-step-label">{s.label}</Text>
            {s.saved > 0 ? <Text className="price-step-saved">省 {formatFen(s.saved)}</Text> : null}
            {s.saved < 0 ? <Text className="price-step-raised">加 {formatFen(-s.saved)}</Text> : null}
          </View>
          <Text className="price-step-change">{describe(s, baseUnit)}</Text>
          {s.note ? <Text className="price-step-note">{s.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** What the step did: the unit price for price steps, the line amount for order-level steps. */
function describe(s: PriceStep, baseUnit: string): string {
  if (s.kind === 'list') return `目录价 ${formatFen(s.unitPriceAfter)}/${baseUnit}`;
  if (s.kind === 'order' || s.kind === 'rebate') {
    return `本行 ${formatFen(s.amountBefore)} → ${formatFen(s.amountAfter)}`;
  }
  if (s.unitPriceBefore === s.unitPriceAfter) return `单价 ${formatFen(s.unitPriceAfter)}/${baseUnit}，本行 ${formatFen(s.amountAfter)}`;
  return `单价 ${formatFen(s.unitPriceBefore)} → ${formatFen(s.unitPriceAfter)}/${baseUnit}`;
}

export default PriceSteps;
