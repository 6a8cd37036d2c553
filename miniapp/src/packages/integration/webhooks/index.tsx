import { View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import type { WebhookSubscriptionView } from '@shared/contracts/integration';
import type { OutboxEventType } from '@shared/integration/outbox';
import { PageState } from '../../../components/PageState';
import { ReasonPanel } from '../../../components/ReasonPanel';
import { Choices } from '../components/Choices';
import { Field } from '../components/Field';
import { SecretOnce } from '../components/SecretOnce';
import { EVENT_LABELS } from '../labels';
import { useSubscriptions } from './useSubscriptions';
import './index.scss';

function describe(s: WebhookSubscriptionView): string {
  const events = s.events.includes('*') ? '全部事件' : s.events.map((e) => EVENT_LABELS[e as OutboxEventType] ?? e).join('、');
  return `${s.status === 'active' ? '推送中' : '已停用'} · ${s.url} · ${events}`;
}

/**
 * Webhook 订阅 (admins): which partner systems hear which business events, signed the Standard
 * Webhooks way (docs/integration.md). 新建订阅 shows the signing secret once; 停用 stops new
 * deliveries, 恢复 resumes them.
 */
export default function SubscriptionsPage() {
  const s = useSubscriptions();
  const form = s.form;
  return (
    <View className="page page-subscriptions">
      {s.created ? <SecretOnce title={`订阅 ${s.created.id} 的签名密钥`} secret={s.created.secret} onDone={s.forgetSecret} /> : null}
      {form ? (
        <View className="card admin-form subscription-form">
          <Field label="合作方标识" name="partner" value={form.partner} placeholder="如 kingdee-erp" onInput={(partner) => s.edit({ partner })} />
          <Field label="推送地址" name="url" value={form.url} placeholder="https://erp.example.com/webhooks" onInput={(url) => s.edit({ url })} />
          <Choices label="推送的事件" options={EVENT_LABELS} chosen={form.events} onChange={(events) => s.edit({ events })} />
          <View className="admin-actions">
            <Button size="small" onClick={s.closeForm}>
              取消
            </Button>
            <Button
              size="small"
              type="primary"
              className="subscription-create"
              loading={s.busy === 'create'}
              disabled={s.busy !== null}
              onClick={() => void s.create()}
            >
              创建并显示密钥
            </Button>
          </View>
        </View>
      ) : (
        <View className="admin-actions">
          <Button size="small" type="primary" className="subscription-new" onClick={() => s.edit({})}>
            新建订阅
          </Button>
        </View>
      )}
      {s.disabling ? (
        <ReasonPanel
          title={`停用订阅 ${s.disabling}`}
          placeholder="停用原因，如 合作方系统迁移"
          submitText="确认停用"
          busy={s.busy !== null}
          onClose={() => s.setDisabling(null)}
          onSubmit={s.disable}
        />
      ) : null}
      {s.state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {s.state.status === 'error' ? <PageState status="error" message={s.state.error.message} onRetry={() => void s.reload()} /> : null}
      {s.state.status === 'ok' && s.state.data.items.length === 0 ? (
        <PageState status="empty" title="还没有 Webhook 订阅" description="订阅后，订单、经销商、回款等业务事件会实时推送给合作方系统。" />
      ) : null}
      {s.state.status === 'ok' && s.state.data.items.length > 0 ? (
        <Cell.Group className="subscriptions">
          {s.state.data.items.map((sub) => (
            <Cell
              key={sub.id}
              className={`subscription subscription-${sub.status}`}
              title={`${sub.partner} · ${sub.id}`}
              description={describe(sub)}
              extra={
                sub.status === 'active' ? (
                  <Button size="small" className="subscription-disable" disabled={s.busy !== null} onClick={() => s.setDisabling(sub.id)}>
                    停用
                  </Button>
                ) : (
                  <Button
                    size="small"
                    className="subscription-enable"
                    loading={s.busy === sub.id}
                    disabled={s.busy !== null}
                    onClick={() => void s.enable(sub.id)}
                  >
                    恢复
                  </Button>
                )
              }
            />
          ))}
        </Cell.Group>
      ) : null}
    </View>
  );
}
