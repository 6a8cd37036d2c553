import { Text, View } from '@tarojs/components';
import type { ErrorBody } from '@shared/envelope';
import { PageState } from '../../components/PageState';
import type { MoreState } from '../../hooks/usePagedList';

/** Nothing to show: for these filters (with a way out), or nothing opened to this dealer at all. */
export function CatalogEmpty({ icon, filtered, keyword, onClear }: { icon: string; filtered: boolean; keyword: string; onClear: () => void }) {
  if (!filtered) {
    return <PageState status="empty" icon={icon} title="暂无可订商品" description="品牌方还没有为你的经销商等级和区域开放商品，请联系渠道经理。" />;
  }
  return (
    <PageState
      status="empty"
      icon={icon}
      title="没有找到相关商品"
      description={keyword ? `没有与“${keyword}”匹配的商品，换个关键词或清除筛选试试` : '当前筛选条件下没有商品，清除筛选看看全部商品'}
      action={
        <View className="catalog-clear-filters" onClick={onClear}>
          清除筛选
        </View>
      }
    />
  );
}

/** Under the list: the next page's state (tap to load or retry), or 没有更多了 at the end. */
export function CatalogFooter({
  nextCursor,
  more,
  moreError,
  onMore,
}: {
  nextCursor: string | null;
  more: MoreState;
  moreError: ErrorBody | null;
  onMore: () => void;
}) {
  return (
    <View className="catalog-footer">
      {nextCursor === null ? (
        <Text className="catalog-end">没有更多了</Text>
      ) : more === 'error' ? (
        <View className="catalog-load-more catalog-load-more-error" onClick={onMore}>
          加载失败：{moreError?.message ?? ''}，点击重试
        </View>
      ) : (
        <View className="catalog-load-more" onClick={onMore}>
          {more === 'loading' ? '加载中…' : '上拉或点击加载更多'}
        </View>
      )}
    </View>
  );
}
