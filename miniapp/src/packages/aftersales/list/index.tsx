import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReturnView } from '@shared/contracts/aftersales';
import type { ReturnStatus } from '@shared/returns/types';
import { RETURN_STATUS_LABELS, RETURN_STATUSES } from '@shared/returns/types';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { aftersalesCall, decodeParam, detailUrl } from '../api';
import '../index.scss';

/**
 * 退货 list: the requests the caller may see (a dealer's own = 我的退货; a manager's regions, with
 * ?status=requested = 退货审批; an admin's, with ?status=shipped_back = 待收货), newest first; ?orderId=
 * narrows to one order. A tap opens the request with its timeline and what the caller may do.
 */
export default function ReturnListPage() {
  const params = useRouter().params;
  const raw = decodeParam(params['status']);
  const status = (RETURN_STATUSES as readonly string[]).includes(raw) ? (raw as ReturnStatus) : undefined;
  const orderId = decodeParam(params['orderId']) || undefined;
  const { state, reload } = useCall(() => aftersalesCall('list', { ...(status ? { status } : {}), ...(orderId ? { orderId } : {}) }));
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const items = state.data.items;
  if (items.length === 0) {
    const title = status ? `没有${RETURN_STATUS_LABELS[status]}的退货申请` : '还没有退货申请';
    return <PageState status="empty" title={title} description="已收货的订单可在订单详情中申请退货，审批、寄回、入库和退款都会记在这里。" />;
  }
  return (
    <View className="page page-return-list">
      {items.map((r) => (
        <ReturnCard key={r.id} r={r} />
      ))}
    </View>
  );
}

function ReturnCard({ r }: { r: ReturnView }) {
  const units = r.lines.reduce((s, l) => s + l.qty, 0);
  return (
    <View className={`card return-card return-card-${r.status}`} onClick={() => void Taro.navigateTo({ url: detailUrl(r.id) })}>
      <View className="return-card-head">
        <Text className="return-title">订单 {r.orderNo}</Text>
        <Text className={`return-status return-status-${r.status}`}>{RETURN_STATUS_LABELS[r.status]}</Text>
      </View>
      <Text className="return-hint">
        {r.dealerName} · {r.lines.length} 种 {units} 件 · {formatShanghaiMinute(r.createdAt)}
      </Text>
      <Text className="return-hint">原因：{r.reason}</Text>
    </View>
  );
}
