import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { StatementOutput } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { STATEMENT_KIND_LABELS } from '@shared/orders/statement';
import { MoneyTotals } from '../../../components/QuoteTotals';

/** The month's figures (opening, orders, returns, payments, rebates, closing), every line with its running balance, and 导出 CSV. */
export function StatementView({ data, onExport }: { data: StatementOutput; onExport: () => void }) {
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

      <Text className="statement-section-title statement-ordered-title">本月下单（{data.ordered.count} 笔，不含已取消和驳回）</Text>
      <MoneyTotals scope="statement" money={data.ordered} />

      <View className="card statement-lines">
        <Text className="statement-section-title">明细（{s.lines.length} 笔）</Text>
        {s.lines.length === 0 ? <Text className="statement-empty muted">本月没有订货、退货或回款记录</Text> : null}
        {s.lines.map((l, i) => (
          <View key={`${l.ref}-${i}`} className={`statement-line statement-line-${l.kind}`}>
            <View className="statement-line-head">
              <Text className="statement-line-kind">{STATEMENT_KIND_LABELS[l.kind]}</Text>
              <Text className="statement-line-ref">{l.ref}</Text>
              <Text className={l.debit ? 'statement-line-debit' : 'statement-line-credit'}>
                {l.debit ? `+${formatFen(l.debit)}` : `-${formatFen(l.credit)}`}
              </Text>
            </View>
            <View className="statement-line-foot">
              <Text className="statement-line-time">{l.time.slice(0, 16)}</Text>
              <Text className="statement-line-balance">余额 {formatFen(l.balance)}</Text>
            </View>
          </View>
        ))}
      </View>

      <Button className="statement-export" type="primary" shape="round" block onClick={onExport}>
        导出 CSV
      </Button>
    </View>
  );
}
