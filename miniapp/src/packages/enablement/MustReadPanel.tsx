import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { formatShanghai } from '@shared/time';
import { useCall } from '../../services/useCall';
import { enablementCall } from './api';

/**
 * For managers and admins on the hub: the must-reads of their regions, soonest deadline first;
 * a tap opens who has not read it yet (未读名单, with 提醒).
 */
export function MustReadPanel() {
  const { state, reload } = useCall(() => enablementCall('mustReads', {}));
  if (state.status === 'loading') return <Text className="muted hub-must-loading">正在加载必读资料的阅读情况…</Text>;
  if (state.status === 'error') {
    return (
      <Text className="hub-must-error" onClick={() => void reload()}>
        阅读情况加载失败：{state.error.message}（点此重试）
      </Text>
    );
  }
  if (state.data.items.length === 0) return <Text className="muted hub-must-empty">你负责的区域暂无必读资料。</Text>;
  const open = (id: string, title: string) => void Taro.navigateTo({ url: `/packages/enablement/unread/index?id=${id}&title=${encodeURIComponent(title)}` });
  return (
    <Cell.Group className="hub-must" title="必读资料阅读情况">
      {state.data.items.map((r) => (
        <Cell
          key={r.id}
          className={`hub-must-item hub-must-${r.id}`}
          title={r.title}
          description={`${r.overdue ? '已过期限' : '阅读期限'} ${formatShanghai(r.mustReadBy, 'date')}`}
          extra="未读名单 ›"
          clickable
          onClick={() => open(r.id, r.title)}
        />
      ))}
    </Cell.Group>
  );
}
