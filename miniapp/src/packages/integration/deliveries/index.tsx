import { View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import type { WebhookDeliveryView } from '@shared/contracts/integration';
import type { WebhookDeliveryStatus } from '@shared/integration/webhooks';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { IntegrationNav } from '../components/IntegrationNav';
import { useDeliveries } from './useDeliveries';
import './index.scss';

const FILTERS: Array<[WebhookDeliveryStatus | 'all', string]> = [
  ['dead', '死信'],
  ['pending', '待重试'],
  ['delivered', '已送达'],
  ['all', '全部'],
];
const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = { pending: '待重试', sending: '发送中', delivered: '已送达', dead: '死信' };

function describe(d: WebhookDeliveryView): string {
  const tried = `${STATUS_LABELS[d.status]} · 已尝试 ${d.attempts} 次 · 事件 ${formatShanghaiMinute(d.eventAt)}`;
  return d.status === 'delivered' || !d.lastError ? tried : `${tried} · 最近一次：${d.lastError}`;
}

/**
 * Webhook 推送 (admins): the newest deliveries of business events to partners' systems by status;
 * a dead one (every retry failed) can be sent again with 重发 once the partner is back.
 */
export default function DeliveriesPage() {
  const { status, setStatus, state, reload, busy, replay } = useDeliveries();
  return (
    <View className="page page-deliveries">
      <IntegrationNav />
      <View className="deliveries-filters">
        {FILTERS.map(([value, label]) => (
          <Button
            key={value}
            className={`deliveries-filter-${value}`}
            size="small"
            type={status === value ? 'primary' : 'default'}
            onClick={() => setStatus(value)}
          >
            {label}
          </Button>
        ))}
      </View>
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.items.length === 0 ? (
        <PageState status="empty" title={status === 'dead' ? '没有死信' : '没有推送记录'} description="业务事件会在变更提交后推送给订阅的合作方系统。" />
      ) : null}
      {state.status === 'ok' && state.data.items.length > 0 ? (
        <Cell.Group className="deliveries-list">
          {state.data.items.map((d) => (
            <Cell
              key={d.id}
              className={`delivery delivery-${d.status}`}
              title={`${d.type} → ${d.partner}`}
              description={describe(d)}
              extra={
                d.status === 'dead' ? (
                  <Button className="delivery-replay" size="small" loading={busy === d.id} disabled={busy !== null} onClick={() => void replay(d.id)}>
                    重发
                  </Button>
                ) : null
              }
            />
          ))}
        </Cell.Group>
      ) : null}
    </View>
  );
}
