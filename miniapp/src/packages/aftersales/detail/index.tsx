import { Image, Text, View } from '@tarojs/components';
import type { ReturnView } from '@shared/contracts/aftersales';
import { formatYuan } from '@shared/orders/format';
import { RETURN_STATUS_LABELS } from '@shared/returns/types';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { cloudFileSrc } from '../../../services/upload';
import { ReasonPanel } from '../../../components/ReasonPanel';
import { ReceivePanel, ReturnActions, ShipBackPanel } from './ReturnPanels';
import { useReturnDetail } from './useReturnDetail';
import '../index.scss';

const EVENT_LABELS: Record<ReturnView['events'][number]['type'], string> = {
  requested: '提交退货申请',
  approved: '审批通过',
  rejected: '审批驳回',
  withdrawn: '经销商已撤回',
  shipped_back: '经销商已寄回',
  received: '仓库已收货',
  credited: '已退款，冲减应收',
};

/**
 * 退货详情 (?id=): status, lines (with restock / scrap and credit once known), photos, the parcel
 * sent back and the timeline; below it what the caller may do now (`commands` from the server):
 * the manager approves or rejects, the dealer registers the parcel (or withdraws the request before
 * that), the warehouse receives.
 */
export default function ReturnDetailPage() {
  const d = useReturnDetail();
  if (d.state.status === 'loading') return <PageState status="loading" rows={5} />;
  if (d.state.status === 'error') return <PageState status="error" message={d.state.error.message} onRetry={() => void d.reload()} />;
  const r = d.request!;
  const can = new Set(r.commands);
  return (
    <View className="page page-return-detail">
      <View className="card">
        <View className="return-card-head">
          <Text className="return-title">订单 {r.orderNo}</Text>
          <Text className={`return-status return-status-${r.status}`}>{RETURN_STATUS_LABELS[r.status]}</Text>
        </View>
        <Text className="return-hint">原因：{r.reason}</Text>
        {r.amount !== null ? <Text className="return-amount">退款 {formatYuan(r.amount)}（已冲减应收）</Text> : null}
        {r.lines.map((l) => (
          <View key={l.sku} className="return-line">
            <Text className="return-line-name">{l.name}</Text>
            <Text className="return-hint">
              {l.qty} 件{l.restockQty !== null ? ` · 入库 ${l.restockQty} · 报废 ${l.scrapQty}` : ''}
              {l.amount !== null ? ` · ${formatYuan(l.amount)}` : ''}
            </Text>
          </View>
        ))}
        {r.photos.length > 0 ? (
          <View className="return-photos">
            {r.photos.map((p) => (
              <Image key={p} className="return-photo" src={cloudFileSrc(p)} mode="aspectFill" />
            ))}
          </View>
        ) : null}
        {r.shipment ? <Text className="return-hint">寄回：{`${r.shipment.carrier} ${r.shipment.trackingNo}`}</Text> : null}
      </View>
      <View className="card return-timeline">
        <Text className="return-title">退货动态</Text>
        {[...r.events].reverse().map((e, i) => (
          <View key={`${e.at}-${i}`} className={`return-event return-event-${e.type}`}>
            <Text className="return-line-name">{EVENT_LABELS[e.type]}</Text>
            <Text className="return-hint">{formatShanghaiMinute(e.at)}</Text>
            {e.reason ? <Text className="return-hint">说明：{e.reason}</Text> : null}
          </View>
        ))}
      </View>
      {d.panel === 'reject' ? (
        <ReasonPanel
          title="驳回退货"
          placeholder="请填写驳回原因，经销商会看到"
          submitText="确认驳回"
          busy={d.busy}
          onClose={() => d.setPanel(null)}
          onSubmit={(reason) => void d.reject(reason)}
        />
      ) : null}
      {d.panel === 'ship_back' ? <ShipBackPanel busy={d.busy} onClose={() => d.setPanel(null)} onSubmit={(c, t) => void d.shipBack(c, t)} /> : null}
      {d.panel === 'receive' ? <ReceivePanel request={r} busy={d.busy} onClose={() => d.setPanel(null)} onSubmit={(w, l) => void d.receive(w, l)} /> : null}
      {d.panel === null && can.size > 0 ? (
        <ReturnActions can={can} busy={d.busy} onPanel={d.setPanel} onApprove={() => void d.approve()} onWithdraw={() => void d.withdraw()} />
      ) : null}
    </View>
  );
}
