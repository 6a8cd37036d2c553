import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { Envelope } from '@shared/envelope';
import type { PushTaskItem } from '@shared/contracts';
import { formatShanghai } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { loadMe } from '../../../services/session';
import { useCall } from '../../../services/useCall';
import './index.scss';

async function load(): Promise<Envelope<{ items: PushTaskItem[]; admin: boolean }>> {
  const [list, me] = await Promise.all([call('wecom', 'pushTasks', { limit: 30 }), loadMe()]);
  if (!list.ok) return list;
  return { ok: true, data: { items: list.data.items, admin: me.ok && me.data.registered && me.data.role === 'admin' } };
}

/** 总部下发: HQ's content tasks through the clerks' WeCom, newest first; HQ starts a new one here. */
export default function PushTasksPage() {
  const { state, reload } = useCall(load);
  useDidShow(() => void reload(true));
  const open = (url: string) => void Taro.navigateTo({ url });
  if (state.status === 'loading') return <PageState status="loading" rows={3} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const { items, admin } = state.data;
  return (
    <View className="page page-push-tasks">
      {admin ? (
        <Button className="push-new" type="primary" block onClick={() => open('/packages/wecom-push/create/index')}>
          新建下发任务
        </Button>
      ) : null}
      {items.length === 0 ? (
        <PageState status="empty" title="还没有下发任务" description="总部创建的群发和朋友圈任务会出现在这里，可查看各导购的发送情况。" />
      ) : null}
      {items.map((t) => (
        <View key={t.taskId} className="card push-task" onClick={() => open(`/packages/wecom-push/task/index?id=${t.taskId}`)}>
          <View className="push-task-head">
            <Text className="push-task-title">{t.title}</Text>
            <Tag type={t.status === 'planned' ? 'warning' : 'primary'}>{t.status === 'planned' ? '待确认' : t.status === 'sending' ? '已下发' : '已取消'}</Tag>
          </View>
          <Text className="push-task-meta muted">
            {t.channelLabel} · {t.clerks} 位导购 · {t.customers} 位客户 · {formatShanghai(t.createdAt)}
          </Text>
        </View>
      ))}
    </View>
  );
}
