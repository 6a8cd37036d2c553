import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { PushClerkView, PushTaskView } from '@shared/contracts';
import { formatShanghai } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { useTask } from './useTask';
import './index.scss';

const pct = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

/**
 * 下发任务: the plan (each clerk's customers, who is skipped and why) for HQ to confirm, then the
 * execution from WeCom's own results: sent / not sent per clerk, the rate per dealer, 提醒.
 */
export default function PushTaskPage() {
  const taskId = useRouter().params['id'] ?? '';
  const { state, busy, confirm, refresh, remind, reload } = useTask(taskId);
  if (!taskId) return <PageState status="empty" title="没有指定下发任务" description="请从「总部下发」的任务列表打开一个任务。" />;
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const { view: v, admin } = state.data;
  const planned = v.status === 'planned';
  return (
    <View className="page page-push-task">
      <View className="card push-head">
        <Text className="push-title">{v.title}</Text>
        <Text className="push-meta muted">
          {v.channelLabel}
          {v.card ? ` · 小程序卡片「${v.card.title}」` : ''}
          {v.images > 0 ? ` · 图片 ${v.images} 张` : ''} · {formatShanghai(v.createdAt)} 创建
        </Text>
        <Text className="push-text">{v.text}</Text>
        <Text className="push-totals">
          {v.totals.clerks} 位导购 · {v.totals.customers} 位客户将收到 · 跳过 {v.totals.skipped} 位
          {planned ? '' : ` · 已发送 ${v.totals.sent} 位（执行率 ${pct(v.totals.rate)}）`}
        </Text>
        <Text className="push-window muted">
          企业微信限制：每位客户{v.window.label}最多收到 {v.window.limit} 条企业群发
        </Text>
        {planned && admin ? (
          <Button className="push-confirm" type="primary" block loading={busy === 'confirm'} onClick={() => void confirm()}>
            确认下发
          </Button>
        ) : null}
        {!planned && admin ? (
          <Button className="push-refresh" block loading={busy === 'refresh'} onClick={() => void refresh()}>
            刷新执行结果
          </Button>
        ) : null}
      </View>
      {planned ? null : <Dealers v={v} />}
      {v.clerks.length === 0 ? <PageState status="empty" title="没有导购" description="所选范围内没有你门店的导购。" /> : null}
      {v.clerks.map((c) => (
        <Clerk key={c.userId} c={c} planned={planned} reminding={busy === `remind:${c.userId}`} onRemind={() => void remind(c.userId)} />
      ))}
    </View>
  );
}

function Dealers({ v }: { v: PushTaskView }) {
  return (
    <View className="card push-dealers">
      <Text className="push-section">按经销商</Text>
      {v.dealers.map((d) => (
        <View key={d.dealerId ?? '-'} className="push-dealer">
          <Text>{d.dealerName}</Text>
          <Text className="push-dealer-rate">
            {d.sent}/{d.clerks} 已发送 · {pct(d.rate)}
          </Text>
        </View>
      ))}
    </View>
  );
}

function Clerk({ c, planned, reminding, onRemind }: { c: PushClerkView; planned: boolean; reminding: boolean; onRemind: () => void }) {
  return (
    <View className={`card push-clerk push-clerk-${c.userId} ${c.sent ? 'push-clerk-sent' : 'push-clerk-unsent'}`}>
      <View className="push-clerk-head">
        <Text className="push-clerk-name">{c.clerkName}</Text>
        <Tag className="push-clerk-status" type={c.sent ? 'success' : planned ? 'primary' : 'warning'}>
          {c.statusText}
        </Tag>
      </View>
      <Text className="push-clerk-meta muted">
        {c.dealerName} · {c.customers} 位客户{c.code ? ` · 活动码 ${c.code}` : ''}
        {c.sent ? ` · 送达 ${c.delivered} 位` : ''}
        {c.reminded ? ` · 已提醒 ${c.reminded} 次` : ''}
      </Text>
      {c.skipped.map((s) => (
        <Text key={s.externalUserId} className="push-skipped">
          跳过 {s.name}：{s.reasonText}
        </Text>
      ))}
      {!planned && !c.sent && c.status === 'created' ? (
        <Button className="push-remind" size="small" loading={reminding} onClick={onRemind}>
          提醒发送
        </Button>
      ) : null}
    </View>
  );
}
