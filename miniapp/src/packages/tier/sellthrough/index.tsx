import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money/format-fen';
import { PageState } from '../../../components/PageState';
import { defaultRange, useSellThrough } from '../useTier';
import { groupSellThrough } from './group';
import '../index.scss';

/**
 * 分销流向 (brand admins; channel managers for the first-tiers of their regions): what first-tier
 * dealers sold on to their second-tier dealers, by first-tier → child → SKU — quantity, amount and
 * average price — from delivered two-tier orders whose delivery falls in the chosen Shanghai days.
 * Names only: the first-tier's customers' contact data never leaves it.
 */
export default function SellThroughPage() {
  const { range, setRange, state, reload } = useSellThrough(defaultRange(Date.now()));
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className="page page-tier page-tier-sellthrough">
      <View className="card tier-range">
        <Picker mode="date" value={range.from} end={range.to} onChange={(e) => setRange({ ...range, from: e.detail.value })}>
          <View className="tier-range-field tier-range-from">
            <Text className="tier-label">开始日期</Text>
            <Text className="tier-range-value">{range.from}</Text>
          </View>
        </Picker>
        <Picker mode="date" value={range.to} start={range.from} onChange={(e) => setRange({ ...range, to: e.detail.value })}>
          <View className="tier-range-field tier-range-to">
            <Text className="tier-label">结束日期</Text>
            <Text className="tier-range-value">{range.to}</Text>
          </View>
        </Picker>
      </View>
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.rows.length === 0 ? (
        <PageState status="empty" title="这段时间没有分销出货" description="一级经销商向下级经销商发货并被确认收货后，会按收货日期计入这里。可调整日期范围。" />
      ) : null}
      {state.status === 'ok' && state.data.rows.length > 0 ? (
        <View className="tier-flow">
          <View className="card tier-summary">
            <Text className="tier-summary-title">
              合计 {state.data.totals.orders} 单 · {state.data.totals.qty} 件 · <Text className="tier-flow-total">{formatFen(state.data.totals.amount)}</Text>
            </Text>
            <Text className="tier-summary-line muted">
              按收货日期 {state.data.from} 至 {state.data.to}（北京时间）统计。
            </Text>
          </View>
          {groupSellThrough(state.data.rows).map((t) => (
            <View key={t.firstTierId} className="card tier-flow-tier">
              <View className="tier-row">
                <Text className="tier-flow-tier-name">{t.firstTierName}</Text>
                <Text className="tier-flow-sum">
                  {t.qty} 件 · {formatFen(t.amount)}
                </Text>
              </View>
              {t.children.map((c) => (
                <View key={c.childDealerId} className="tier-flow-child">
                  <View className="tier-row">
                    <Text className="tier-flow-child-name">→ {c.childDealerName}</Text>
                    <Text className="tier-flow-sum muted">
                      {c.qty} 件 · {formatFen(c.amount)}
                    </Text>
                  </View>
                  {c.rows.map((r) => (
                    <View key={r.sku} className={`tier-flow-line tier-flow-line-${r.sku}`}>
                      <Text className="tier-flow-sku">{r.name}</Text>
                      <Text className="tier-flow-qty">{r.qty} 件</Text>
                      <Text className="tier-flow-amount">{formatFen(r.amount)}</Text>
                      <Text className="tier-flow-avg muted">均价 {formatFen(r.avgUnitPrice)}</Text>
                    </View>
                  ))}
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
