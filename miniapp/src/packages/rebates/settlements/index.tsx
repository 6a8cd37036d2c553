import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SettlementView } from '@shared/contracts';
import { formatYuan } from '@shared/orders/format';
import { formatShanghaiMinute } from '@shared/time';
import { parsePeriod, periodLabel } from '@shared/rebates/period';
import { PageState } from '../../../components/PageState';
import { usePagedList } from '../../../hooks/usePagedList';
import { call } from '../../../services/cloud';
import './index.scss';

const STATUS_LABELS: Record<SettlementView['status'], string> = { pending: '待入账', credited: '已入账' };

/** Settlements grouped by period, in the order the server gave them (newest settled first). */
function byPeriod(items: readonly SettlementView[]): Array<{ period: string; items: SettlementView[] }> {
  const groups = new Map<string, SettlementView[]>();
  for (const s of items) groups.set(s.period, [...(groups.get(s.period) ?? []), s]);
  return [...groups].map(([period, list]) => ({ period, items: list }));
}

/**
 * 返利结算记录: every closed period's settlement per policy (rebates.settlements) — amount,
 * 待入账 until the brand approves it, 已入账 once it is in the wallet — and how it was computed,
 * in the words the settlement stored. `?period=2026-Q3` shows one period only; `?dealerId=` one dealer's.
 */
export default function SettlementsPage() {
  const asked = useRouter().params['period'];
  const period = asked && parsePeriod(asked) ? asked : undefined;
  // ?dealerId= when a manager or an admin opens a dealer's settlements (洞察's dealer page).
  const dealerId = useRouter().params['dealerId'];
  // One page: rebates.settlements answers every settlement at once.
  const { state, reload } = usePagedList({
    fetch: async () => {
      const res = await call('rebates', 'settlements', { ...(period ? { period } : {}), ...(dealerId ? { dealerId } : {}) });
      return res.ok ? { ok: true as const, data: { items: res.data.items, nextCursor: null } } : res;
    },
    keyOf: (s) => s.id,
  });

  return (
    <View className="page page-rebate-settlements">
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.items.length === 0 ? (
        <PageState
          status="empty"
          title={period ? `${periodLabel(period)}没有返利结算` : '还没有返利结算'}
          description="每个返利期结束后，品牌方按政策结算返利；结算金额、入账状态和计算说明会出现在这里。"
        />
      ) : null}
      {state.status === 'ok' && state.items.length > 0
        ? byPeriod(state.items).map((g) => (
            <View key={g.period} className={`settlements-period settlements-period-${g.period}`}>
              <Text className="settlements-period-title">{periodLabel(g.period)}</Text>
              {g.items.map((s) => (
                <Settlement key={s.id} s={s} />
              ))}
            </View>
          ))
        : null}
    </View>
  );
}

function Settlement({ s }: { s: SettlementView }) {
  return (
    <View className={`card settlement settlement-${s.policyId}`}>
      <View className="settlement-head">
        <Text className="settlement-policy">{s.policyName}</Text>
        <Text className={`settlement-status settlement-status-${s.status}`}>{STATUS_LABELS[s.status]}</Text>
      </View>
      <Text className="settlement-amount">{formatYuan(s.amount)}</Text>
      <Text className="settlement-time">
        {formatShanghaiMinute(s.settledAt)} 结算{s.creditedAt !== null ? ` · ${formatShanghaiMinute(s.creditedAt)} 入账` : ''}
      </Text>
      <View className="settlement-explanation">
        <Text className="settlement-explanation-title">计算说明</Text>
        {s.explanation.map((line, i) => (
          <Text key={i} className="settlement-explanation-line">
            {line}
          </Text>
        ))}
      </View>
    </View>
  );
}
