import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { ROLE_LABELS } from '@shared/roles';
import type { Role } from '@shared/roles';
import { PageState } from '../../../components/PageState';
import { useUnread } from './useUnread';
import '../index.scss';

/**
 * 未读名单 (channel managers: their regions; admins): for one must-read, who may see it and has
 * not read its current version, by dealer and person, with 提醒 for all of them at once.
 */
export default function UnreadPage() {
  const { title, state, reload, groups, dealers, more, busy, remind } = useUnread();
  if (state.status === 'loading') return <PageState status="loading" rows={5} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const { readers, read } = state.data;
  return (
    <View className="page page-enablement">
      <View className="card hub-summary unread-summary">
        <Text className="hub-title">{title}</Text>
        <Text className="unread-counts">
          已读 {read} 人 · 未读 {readers.length} 人
        </Text>
      </View>
      {readers.length === 0 ? (
        <PageState status="empty" title="所有人都已阅读" description="你负责区域内应读的人都已读过当前版本。" />
      ) : (
        <Button className="unread-remind" type="primary" block loading={busy} disabled={busy} onClick={() => void remind()}>
          提醒 {readers.length} 人阅读
        </Button>
      )}
      {groups.map((g) => (
        <Cell.Group key={g.key} className="unread-dealer" title={`${g.name}（${g.people.length} 人未读）`}>
          {g.people.map((p) => (
            <Cell key={p.userId} className="unread-person" title={p.name} extra={ROLE_LABELS[p.role as Role] ?? p.role} />
          ))}
        </Cell.Group>
      ))}
      {more ? <Text className="muted unread-more">上滑查看更多经销商（共 {dealers} 家）</Text> : null}
    </View>
  );
}
