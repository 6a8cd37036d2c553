import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { shiftMonthKey } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { exportCsv } from './exportCsv';
import { StatementView } from './StatementView';
import { useStatement } from './useStatement';
import './index.scss';

/**
 * 对账单: one month of the dealer's account (orders.statement) — opening balance, every order
 * shipped and payment received with the running balance, the totals and the closing balance —
 * and the same statement as CSV to send on (导出 CSV). Balance = what the dealer owes the brand.
 * The month bar is hand-rolled around the platform's own month picker (Picker fields=month):
 * NutUI's DatePicker would bring its picker and popup into the package for the same wheel.
 */
export default function StatementPage() {
  const { month, latest, go, state, reload } = useStatement();
  // 在线还款 is the dealer's own (a manager opens a dealer's statement with ?dealerId=).
  const own = !useRouter().params['dealerId'];

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
        <Picker mode="date" fields="month" value={month} end={latest} onChange={(e) => go(String(e.detail.value).slice(0, 7))}>
          <Text className="statement-month">{month.replace('-', ' 年 ')} 月 ▾</Text>
        </Picker>
        <Text className={`statement-next${shiftMonthKey(month, 1) > latest ? ' statement-next-off' : ''}`} onClick={() => go(shiftMonthKey(month, 1))}>
          下月 ›
        </Text>
      </View>

      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <StatementView data={state.data} onExport={() => void exportIt()} /> : null}
      {own && state.status === 'ok' && state.data.statement.closingBalance > 0 ? (
        <Text
          className="statement-repay"
          onClick={() => void Taro.navigateTo({ url: `/packages/pay/index?owed=${month === latest ? state.data.statement.closingBalance : 0}` })}
        >
          在线还款 ›
        </Text>
      ) : null}
    </View>
  );
}
