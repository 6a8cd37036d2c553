import { Text, View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { ProposalCard } from './ProposalCard';
import { useProposals } from './useProposals';
import '../dealers.scss';

/**
 * 等级调整建议 (channel managers, admins): the monthly rating proposes a level change when a
 * dealer's rating and level part ways; nothing changes until someone here agrees. Opened from
 * 我的 (every pending one of the caller's regions) or a dealer's page (that dealer's).
 */
export default function ProposalsPage() {
  const { state, reload, items, total, more, busy, decide, oneDealer } = useProposals();
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  return (
    <View className="page page-proposals">
      {total === 0 ? (
        <PageState
          status="empty"
          title={oneDealer ? '该经销商暂无待处理的等级建议' : '暂无待处理的等级调整建议'}
          description="每月评分后，评级与等级不符的经销商会出现在这里；下拉可刷新。"
        />
      ) : (
        <Text className="muted proposals-count">共 {total} 条待处理，最新的在前</Text>
      )}
      {items.map((p) => (
        <ProposalCard key={p.id} p={p} busy={busy === p.id} onDecide={(approve, reason) => void decide(p, approve, reason)} />
      ))}
      {more ? <Text className="muted proposals-more">上滑加载更多</Text> : null}
    </View>
  );
}
