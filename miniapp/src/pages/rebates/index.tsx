import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RebateProgressOutput } from '@shared/contracts';
import { formatYuan } from '@shared/orders/format';
import { PageState } from '../../components/PageState';
import { TabClosed } from '../../components/TabClosed';
import { call } from '../../services/cloud';
import { useTabAccess } from '../../services/tabs';
import { useCall } from '../../services/useCall';
import { useLivePage } from '../../services/useLivePage';
import icon from '../../assets/tab/rebates-on.png';
import { PolicyCard } from './PolicyCard';
import { percentText } from './progress';
import './index.scss';

/** Refusals that no retry will fix: the caller is not a dealer (or its dealer is paused). */
const NOT_FOR_THIS_ACCOUNT = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']);

/**
 * 返利: the dealer's rebate wallet (可用返利, how much of an order it may pay) and, per policy
 * running now, the progress to the next tier, what is earned so far, the projection to period
 * end and "再进货 ¥X 可达下一档，多得 ¥Y" — all from rebates.progress, computed on the server from
 * delivered goods. 计算说明 unfolds the server's trace in plain words. Pull down to refresh;
 * coming back to the tab asks again (a delivery may have moved the figures). For dealers only:
 * anyone else is told what the tab is for, without asking the server.
 */
export default function RebatesPage() {
  const { access, refused } = useTabAccess('rebates');
  const open = access.status === 'open';
  const { state, reload } = useCall<RebateProgressOutput>(() => call('rebates', 'progress'), open);
  useLivePage((quiet) => (open ? reload(quiet) : Promise.resolve()));
  // Refused: the role the phone remembered is out of date; ask who the caller is now.
  const refusedNow = state.status === 'error' && NOT_FOR_THIS_ACCOUNT.has(state.error.code);
  useEffect(() => {
    if (refusedNow) refused();
  }, [refusedNow, refused]);

  if (access.status === 'closed') {
    return (
      <View className="page page-rebates">
        <TabClosed tab="rebates" audience={access.audience} icon={icon} />
      </View>
    );
  }

  return (
    <View className="page page-rebates">
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' && NOT_FOR_THIS_ACCOUNT.has(state.error.code) ? (
        <PageState status="empty" icon={icon} title="返利仅对经销商账号开放" description={state.error.message} />
      ) : null}
      {state.status === 'error' && !NOT_FOR_THIS_ACCOUNT.has(state.error.code) ? (
        <PageState status="error" message={state.error.message} onRetry={() => void reload()} />
      ) : null}
      {state.status === 'ok' ? <Rebates data={state.data} /> : null}
    </View>
  );
}

function Rebates({ data }: { data: RebateProgressOutput }) {
  const open = (url: string) => () => void Taro.navigateTo({ url });
  return (
    <View className="rebates">
      <View className="card rebates-wallet">
        <Text className="rebates-wallet-label">可用返利</Text>
        <Text className="rebates-balance">{formatYuan(data.wallet.balance)}</Text>
        <Text className="rebates-spend-rule">下单时可抵扣，每单最多抵扣订单金额的 {percentText(data.wallet.spendRule.maxShareBp)}</Text>
        <View className="rebates-wallet-links">
          <Text className="rebates-ledger-link" onClick={open('/packages/rebates/ledger/index')}>
            返利明细 ›
          </Text>
          <Text className="rebates-settlements-link" onClick={open('/packages/rebates/settlements/index')}>
            结算记录 ›
          </Text>
        </View>
      </View>

      {data.evaluations.length === 0 ? (
        <PageState
          status="empty"
          icon={icon}
          title="当前没有适用的返利政策"
          description="品牌方发布适用于你的返利政策后，这里会显示本期进度、距下一档还差多少和预计可得返利。"
        />
      ) : (
        data.evaluations.map((e) => <PolicyCard key={`${e.policyId}:${e.period}`} e={e} />)
      )}
    </View>
  );
}
