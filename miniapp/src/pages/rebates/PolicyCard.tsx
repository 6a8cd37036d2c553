import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Evaluation } from '@shared/rebates/evaluate';
import { periodLabel } from '@shared/rebates/period';
import { formatYuan } from '@shared/orders/format';
import { barOf, measureText, tierText } from './progress';

/**
 * One policy running now: the tier reached, the bar to the next, what is earned and projected,
 * the hint to climb, and 计算说明 (the server's trace) folded under a toggle. The bar and the
 * toggle are hand-rolled rather than NutUI's Progress and Collapse: this is a tab page in the main
 * package, whose 600 KB budget a component kit's extra modules would eat into for two small widgets.
 */
export function PolicyCard({ e }: { e: Evaluation }) {
  const [open, setOpen] = useState(false);
  const bar = barOf(e);
  return (
    <View className={`card rebates-policy rebates-policy-${e.policyId}${e.final ? ' rebates-policy-final' : ''}`}>
      <View className="rebates-policy-head">
        <Text className="rebates-policy-name">{e.policyName}</Text>
        <Text className="rebates-policy-period">{periodLabel(e.period, e.evaluatedAt)}</Text>
      </View>
      <Text className="rebates-policy-tier">{tierText(e)}</Text>

      {bar ? (
        <View className="rebates-progress">
          <View className="rebates-progress-track">
            <View className="rebates-progress-fill" style={{ width: `${bar.percent}%` }} />
          </View>
          <View className="rebates-progress-labels">
            <Text className="rebates-progress-basis">
              {basisLabel(e)} {measureText(e.measure, e.basis)}
            </Text>
            <Text className="rebates-progress-goal">{bar.goal}</Text>
          </View>
        </View>
      ) : (
        <Text className="rebates-progress-basis">
          {basisLabel(e)} {measureText(e.measure, e.basis)}
        </Text>
      )}

      <View className="rebates-policy-figures">
        <View className="rebates-figure">
          <Text className="rebates-figure-label">{e.final ? '应得' : '已得'}</Text>
          <Text className="rebates-policy-earned">{formatYuan(e.earned)}</Text>
        </View>
        {e.final ? null : (
          <View className="rebates-figure">
            <Text className="rebates-figure-label">预计</Text>
            <Text className="rebates-policy-projected">{formatYuan(e.projectedEarned)}</Text>
          </View>
        )}
        {e.final ? null : (
          <View className="rebates-figure">
            <Text className="rebates-figure-label">预计期末进货</Text>
            <Text className="rebates-policy-projected-basis">{measureText(e.measure, e.projectedBasis)}</Text>
          </View>
        )}
      </View>
      {e.capped ? <Text className="rebates-policy-capped">已达本期返利上限</Text> : null}
      {e.final ? <Text className="rebates-policy-closed">本期统计已结束，等待品牌方结算</Text> : null}

      {e.hint ? (
        <View className="rebates-policy-hint">
          <Text className="rebates-hint-tag">冲档</Text>
          <Text className="rebates-hint-text">{e.hint}</Text>
        </View>
      ) : null}

      <View className="rebates-policy-explain">
        <Text className={`rebates-policy-explain-toggle rebates-explain-${e.policyId}`} onClick={() => setOpen(!open)}>
          {open ? '收起计算说明 ▴' : '计算说明 ▾'}
        </Text>
        {open ? (
          <View className="rebates-policy-trace">
            {e.trace.map((s, i) => (
              <Text key={`${s.step}-${i}`} className={`rebates-policy-trace-line rebates-trace-${s.step}`}>
                {s.text}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  );
}

/** What the basis is: the dealer's own deliveries (进货), or for a sell-through policy what it sold to its children (分销出货). */
const basisLabel = (e: Evaluation) => `${e.sellThrough ? '已分销出货' : '已进货'}${e.measure === 'amount' ? '' : '数量'}`;
