import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { StatementOutput } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { STATEMENT_KIND_LABELS } from '@shared/orders/statement';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { exportCsv } from './exportCsv';
import './index.scss';

/** 'YYYY-MM' of the month before `now`, Asia/Shanghai. */
export function lastMonth(now: number): string {
  return shiftMonthKey(shanghaiMonthKey(now), -1);
}

/**
 * 对账单: one month of the dealer's account (orders.statement) — opening balance, every order
 * shipped and payment received with the running balance, the totals and the closing balance —
 * and the same statement as CSV to send on (导出 CSV). Balance = what the dealer owes the brand.
 */
export default function StatementPage() {
  const [month, setMonth] = useState(() => lastMonth(Date.now()));
  const current = lastMonth(Date.now() + 31 * 24 * 3600 * 1000);
  const { state, reload } = useCall<StatementOutput>(() => call('orders', 'statement', { month }));
  const go = (m: string) => {
    if (m === month || m > current) return;
    setMonth(m);
  };
  // useCall runs on mount; a new month asks again.
  const asked = useRef(month);
  useEffect(() => {
    if (asked.current === month) return;
    asked.current = month;
    void reload();
  }, [month, reload]);

  const exportIt = async () => {
    if (state.status !== 'ok') return;
    const result = await exportCsv(`对账单-${month}.csv`, state.data.csv);
    void Taro.showToast({ title: result, icon: 'none' });
  };

  return (
    <View className="page page-statement">
      <View className="card statement-month-bar">
        <Text className="statement-prev" onClick={() => go(shiftMonthKey(month, -1))}>
          ‹ 上月
        </Text>
        <Picker mode="date" fields="month" value={month} end={current} onChange={(e) => go(String(e.detail.value).slice(0, 7))}>
          <Text className="statement-month">{month.replace('-', ' 年 ')} 月 ▾</Text>
        </Picker>
        <Text className={`statement-next${shiftMonthKey(month, 1) > current ? ' statement-next-off' : ''}`} onClick={() => go(shiftMonthKey(month, 1))}>
          下月 ›
        </Text>
      </View>

      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <StatementView data={state.data} onExport={() => void exportIt()} /> : null}
    </View>
  );
}

function StatementView({ data, onExport }: { data: StatementOutput; onExport: () => void }) {
  const s = data.statement;
  return (
    <View className="statement">
      <View className="card statement-summary">
        <View className="statement-row">
          <Text>期初余额</Text>
          <Text className="statement-opening">{formatFen(s.openingBalance)}</Text>
        </View>
        <View className="statement-row">
          <Text>本月订货</Text>
          <Text className="statement-total-orders">{formatFen(s.totals.orders)}</Text>
        </View>
        <View className="statement-row">
          <Text>本月退货</Text>
          <Text className="statement-total-returns">{formatFen(s.totals.returns)}</Text>
        </View>
        <View className="statement-row">
          <Text>本月回款</Text>
          <Text className="statement-total-payments">{formatFen(s.totals.payments)}</Text>
        </View>
        <View className="statement-row">
          <Text>返利冲账</Text>
          <Text className="statement-total-rebates">{formatFen(s.totals.rebates)}</Text>
        </View>
        <View className="statement-row statement-row-closing">
          <Text>期末余额</Text>
          <Text className="statement-closing">{formatFen(s.closingBalance)}</Text>
        </View>
        <Text className="muted">余额为经销商应付品牌方的金额；订货按发货入账，退货和回款冲减余额。</Text>
      </View>

      <View className="card statement-lines">
        <Text className="statement-section-title">明细（{s.lines.length} 笔）</Text>
        {s.lines.length === 0 ? <Text className="statement-empty muted">本月没有订货、退货或回款记录</Text> : null}
        {s.lines.map((l, i) => (
          <View key={`${l.ref}-${i}`} className={`statement-line statement-line-${l.kind}`}>
            <View className="statement-line-head">
              <Text className="statement-line-kind">{STATEMENT_KIND_LABELS[l.kind]}</Text>
              <Text className="statement-line-ref">{l.ref}</Text>
              <Text className={l.debit ? 'statement-line-debit' : 'statement-line-credit'}>{l.debit ? `+${formatFen(l.debit)}` : `-${formatFen(l.credit)}`}</Text>
            </View>
            <View className="statement-line-foot">
              <Text className="statement-line-time">{l.time.slice(0, 16)}</Text>
              <Text className="statement-line-balance">余额 {formatFen(l.balance)}</Text>
            </View>
          </View>
        ))}
      </View>

      <View className="statement-export" onClick={onExport}>
        导出 CSV
      </View>
    </View>
  );
}
