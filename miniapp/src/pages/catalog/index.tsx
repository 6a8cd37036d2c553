import { useRef } from 'react';
import { View } from '@tarojs/components';
import type { CatalogListOutput, CategoryNode } from '@shared/contracts';
import type { ErrorBody } from '@shared/envelope';
import { PageState } from '../../components/PageState';
import { TabClosed } from '../../components/TabClosed';
import type { PagedListState } from '../../hooks/usePagedList';
import { usePagedList } from '../../hooks/usePagedList';
import { answeredAtLaunch, call } from '../../services/cloud';
import { useTabAccess } from '../../services/tabs';
import icon from '../../assets/tab/catalog-on.png';
import { CatalogHeader } from './CatalogHeader';
import { ItemList } from './ItemList';
import { PortalCart } from './PortalCart';
import { CatalogEmpty, CatalogFooter } from './parts';
import { listInput, useCatalogFilters } from './useCatalogFilters';
import './index.scss';

/**
 * 商品: the caller's catalog at their own prices, by category, keyword and stock, page by page.
 * For dealers and their clerks (a clerk sees prices but orders nothing: no 加入购物车); anyone else
 * is told what the tab is for, and the app's first screen takes them to their own tab instead.
 */
export default function CatalogPage() {
  const { access, refused } = useTabAccess('catalog');
  const f = useCatalogFilters();
  const { filters } = f;
  const {
    state: list,
    reload,
    loadMore,
  } = usePagedList({
    fetch: (cursor) => call('catalog', 'list', listInput(filters, cursor)),
    answered: () => answeredAtLaunch('catalog', 'list', listInput(filters)),
    keyOf: (item) => item.sku,
    queryKey: JSON.stringify(filters),
    enabled: access.status === 'open',
    // A failed pull-down keeps the catalog on screen and says so.
    keepOnQuietError: true,
    // Refused: the role the phone remembered is out of date; ask who the caller is now.
    onError: (e: ErrorBody) => {
      if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED') refused();
    },
  });
  const categories = useLastCategories(list);

  if (access.status !== 'open') {
    return (
      <View className="page page-catalog">
        {access.status === 'checking' ? <PageState status="loading" rows={5} /> : <TabClosed tab="catalog" audience={access.audience} icon={icon} />}
      </View>
    );
  }
  const filtered = filters.categoryId !== null || filters.keyword !== '' || filters.inStock;

  return (
    <View className="page page-catalog">
      <CatalogHeader f={f} categories={categories} />
      {list.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {list.status === 'error' ? <PageState status="error" message={list.error.message} onRetry={() => void reload()} /> : null}
      {list.status === 'ok' && list.items.length === 0 ? <CatalogEmpty icon={icon} filtered={filtered} keyword={filters.keyword} onClear={f.clear} /> : null}
      {list.status === 'ok' && list.items.length > 0 ? (
        <>
          <ItemList items={list.items} canOrder={access.audience !== 'clerk'} />
          <CatalogFooter nextCursor={list.nextCursor} more={list.more} moreError={list.moreError} onMore={() => void loadMore()} />
        </>
      ) : null}
      {access.audience !== 'clerk' ? <PortalCart /> : null}
    </View>
  );
}

/** The category tabs of the last first page: they stay while another filter's page loads. */
function useLastCategories(list: PagedListState<CatalogListOutput>): CategoryNode[] {
  const last = useRef<CategoryNode[]>([]);
  if (list.status === 'ok' && list.first.categories) last.current = list.first.categories;
  return last.current;
}
