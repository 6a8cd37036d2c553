import { Text, Video, View } from '@tarojs/components';
import type { ResourceItem } from '@shared/contracts/enablement';
import { RESOURCE_KIND_LABELS } from '@shared/enablement/types';
import { formatShanghai } from '@shared/time';
import { PageState } from '../../components/PageState';
import { MustReadPanel } from './MustReadPanel';
import { useHub } from './useHub';
import './index.scss';

/**
 * 赋能中心: the resources this person may see — must-reads first with their deadline, then the
 * newest — each marked 新 / 必读 / 已读. A tap opens it in the app and records the reading.
 * Managers also see how their regions' must-reads are read, and open who has not read one.
 */
export default function EnablementPage() {
  const { role, state, reload, open, video, closeVideo } = useHub();
  const follows = role === 'manager' || role === 'admin';
  if (role === 'admin') {
    return (
      <View className="page page-enablement">
        <MustReadPanel />
      </View>
    );
  }
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.message} onRetry={() => void reload()} />;
  const { items, newCount, mustReadCount } = state.list;
  return (
    <View className="page page-enablement">
      <View className="card hub-summary">
        <Text>待读必读 {mustReadCount} 份</Text>
        <Text>新资料 {newCount} 份</Text>
      </View>
      {follows ? <MustReadPanel /> : null}
      {video ? (
        <View className="card hub-video">
          <Video className="hub-video-player" src={video} autoplay controls />
          <View className="hub-video-close" onClick={closeVideo}>
            关闭视频
          </View>
        </View>
      ) : null}
      {items.length === 0 ? <PageState status="empty" title="暂无资料" description="品牌方发布的政策、培训和陈列资料会出现在这里。" /> : null}
      {items.map((item) => (
        <ResourceRow key={item.id} item={item} onOpen={() => void open(item)} />
      ))}
    </View>
  );
}

function ResourceRow({ item, onOpen }: { item: ResourceItem; onOpen: () => void }) {
  const mustRead = item.mustReadBy !== null && !item.read;
  return (
    <View className={`card hub-item${item.read ? ' hub-item-read' : ''}`} onClick={onOpen}>
      <View className="hub-item-head">
        <Text className="hub-kind">{RESOURCE_KIND_LABELS[item.kind]}</Text>
        <Text className="hub-title">{item.title}</Text>
        {item.isNew ? <Text className="hub-tag hub-tag-new">新</Text> : null}
        {mustRead ? <Text className={`hub-tag hub-tag-must${item.overdue ? ' hub-tag-overdue' : ''}`}>{item.overdue ? '已逾期' : '必读'}</Text> : null}
        {item.read ? <Text className="hub-tag hub-tag-read">已读</Text> : null}
      </View>
      {item.summary ? <Text className="hub-summary-text">{item.summary}</Text> : null}
      {mustRead ? <Text className="hub-deadline">请于 {formatShanghai(item.mustReadBy!, 'date')} 前阅读</Text> : null}
    </View>
  );
}
