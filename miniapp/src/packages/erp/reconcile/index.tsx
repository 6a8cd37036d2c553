import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { DIFFERENCE_LABELS } from '@shared/erp/types';
import type { ReconDifference } from '@shared/erp/types';
import { formatFen } from '@shared/money';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { useErp } from './useErp';
import './index.scss';

/** A difference's two sides as people read them: money in yuan, stock in 件, a missing side as —. */
function side(d: ReconDifference, v: number | null): string {
  if (v === null) return '—';
  return d.kind === 'stock' ? `${v} 件` : formatFen(v);
}

/**
 * 金蝶对账 (admins): the latest reconciliation with Kingdee 金蝶云星空 — each difference in orders,
 * stock per SKU × warehouse and receivables per dealer, ours beside Kingdee's — and what the sync
 * could not do (an unmapped item, a delivery it could not apply). 立即对账 / 立即同步 run now.
 */
export default function ErpReconcilePage() {
  const { state, reload, busy, run } = useErp();
  return (
    <View className="page page-erp">
      <View className="card erp-actions">
        <Button
          className="erp-reconcile"
          type="primary"
          size="small"
          loading={busy === 'reconcile'}
          disabled={busy !== null}
          onClick={() => void run('reconcile')}
        >
          立即对账
        </Button>
        <Button className="erp-sync" size="small" loading={busy === 'sync'} disabled={busy !== null} onClick={() => void run('sync')}>
          立即同步
        </Button>
        <Button className="erp-mappings" size="small" onClick={() => void Taro.navigateTo({ url: '/packages/integration/mappings/index' })}>
          映射设置
        </Button>
      </View>
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && !state.data.report ? (
        <PageState status="empty" title="还没有对账报告" description="每天凌晨 2:30 自动与金蝶对账一次，也可以点「立即对账」。" />
      ) : null}
      {state.status === 'ok' && state.data.report ? (
        <View className="erp-report">
          <Text className={`erp-report-status erp-report-${state.data.report.status}`}>
            {state.data.report.status === 'failed'
              ? `对账失败：${state.data.report.error ?? ''}`
              : `${formatShanghaiMinute(state.data.report.at)} 对账：${state.data.report.differences.length === 0 ? '两边一致' : `${state.data.report.differences.length} 处差异`}`}
          </Text>
          <Text className="erp-muted">
            比对了订单 {state.data.report.counts.orders} 张、库存 {state.data.report.counts.stock} 行、经销商应收 {state.data.report.counts.dealers} 家
          </Text>
          <Cell.Group className="erp-differences">
            {state.data.report.differences.map((d) => (
              <Cell
                key={`${d.kind}:${d.key}`}
                className={`erp-difference erp-difference-${d.kind}`}
                title={`${DIFFERENCE_LABELS[d.kind]} · ${d.label}`}
                description={`本系统 ${side(d, d.ours)} ｜ 金蝶 ${side(d, d.erp)}`}
              />
            ))}
          </Cell.Group>
        </View>
      ) : null}
      {state.status === 'ok' && state.data.issues.orders.length + state.data.issues.bills.length > 0 ? (
        <Cell.Group className="erp-issues" title="同步未完成">
          {state.data.issues.orders.map((o) => (
            <Cell key={o.id} className="erp-issue erp-issue-order" title={`订单 ${o.orderNo} 未推送`} description={o.error ?? ''} />
          ))}
          {state.data.issues.bills.map((b) => (
            <Cell key={b.id} className="erp-issue erp-issue-bill" title={`金蝶单据 ${b.billNo} 未处理`} description={b.message ?? ''} />
          ))}
        </Cell.Group>
      ) : null}
    </View>
  );
}
