import { Text, View } from '@tarojs/components';
import { usePullDownRefresh } from '@tarojs/taro';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { dealersCall } from '../api';
import { ReviewCard } from './ReviewCard';
import '../dealers.scss';

/**
 * 加盟审核 (channel managers, admins): applications waiting in the caller's regions, oldest
 * first, each with every admission rule's contribution to its score, and the decision.
 */
export default function ReviewPage() {
  const { state, reload } = useCall(() => dealersCall('reviewQueue', {}));
  usePullDownRefresh(() => void reload(true));
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const items = state.data.items;
  return (
    <View className="page page-review">
      {items.length === 0 ? <PageState status="empty" title="暂无待审核的加盟申请" description="你负责区域的新申请会出现在这里；下拉可刷新。" /> : null}
      {items.length > 0 ? <Text className="muted review-count">共 {items.length} 份待审核，最早提交的在前</Text> : null}
      {items.map((a) => (
        <ReviewCard key={a.id} a={a} onDone={() => void reload(true)} />
      ))}
    </View>
  );
}
