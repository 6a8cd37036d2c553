import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { usePageScroll, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Image, Input, ScrollView, Text, View } from '@tarojs/components';
import type { CatalogItem, CatalogListOutput, CategoryNode } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { PageState } from '../../components/PageState';
import { usePersonaReload } from '../../components/PersonaReload';
import { StockTag, stockState } from '../../components/StockTag';
import { TabClosed } from '../../components/TabClosed';
import { addToCart, biggestPack, smallestOrder } from '../../services/cart';
import { call } from '../../services/cloud';
import { useTabAccess } from '../../services/tabs';
import icon from '../../assets/tab/catalog-on.png';
import './index.scss';

/** Items per catalog.list call (the server allows up to 50). */
const PAGE_SIZE = 20;
/** Typing pauses this long before the catalog is searched. */
const SEARCH_DEBOUNCE_MS = 350;

/*
 * Windowing. Every item card has the same height (ITEM_HEIGHT, 750-wide design px, gap
 * included), so the visible slice follows from the page's scroll offset alone: cards above and
 * below it are replaced by two spacers of the exact height: the stylesheet says
 * `height: calc(var(--cards) * 272px)`, so the build turns 272px into rpx (weapp) or rem (H5)
 * exactly as it does for the cards, and the page only sets the count. Short lists — the first few pages — render
 * whole; the window only kicks in past WINDOW_FROM items, where setData payloads and node
 * counts start to hurt on low-end phones.
 */
const ITEM_HEIGHT = 272;
/** Rough height of the header above the list (tabs, search, filter), design px. */
const HEADER_HEIGHT = 260;
const WINDOW_FROM = 60;
const OVERSCAN = 8;
/** The window start moves in chunks, so scrolling re-renders every few cards, not every card. */
const CHUNK = 4;

interface Filters {
  categoryId: string | null;
  keyword: string;
  inStock: boolean;
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ok'; items: CatalogItem[]; nextCursor: string | null; more: 'idle' | 'loading' | 'error'; moreError: string };

const NO_FILTERS: Filters = { categoryId: null, keyword: '', inStock: false };

function inputOf(f: Filters, cursor?: string) {
  const keyword = f.keyword.trim().slice(0, 40);
  return {
    limit: PAGE_SIZE,
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(keyword ? { keyword } : {}),
    ...(f.inStock ? { inStock: true } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** Items of `more` whose SKU is not in `have` yet: a page that overlaps the last one adds nothing twice. */
function appendNew(have: readonly CatalogItem[], more: readonly CatalogItem[]): CatalogItem[] {
  const seen = new Set(have.map((i) => i.sku));
  const out = [...have];
  for (const item of more) {
    if (seen.has(item.sku)) continue;
    seen.add(item.sku);
    out.push(item);
  }
  return out;
}

/**
 * 商品: the caller's catalog at their own prices, by category, keyword and stock, page by page.
 * For dealers and their clerks (a clerk sees prices but orders nothing: no 加入购物车); anyone else
 * is told what the tab is for, and the app's first screen takes them to their own tab instead.
 */
export default function CatalogPage() {
  const { access, refused } = useTabAccess('catalog');
  const open = access.status === 'open';
  const openRef = useRef(open);
  openRef.current = open;
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [searchText, setSearchText] = useState('');
  const [categories, setCategories] = useState<CategoryNode[]>([]);
  const [list, setList] = useState<ListState>({ status: 'loading' });

  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const listRef = useRef(list);
  listRef.current = list;
  /** Bumped by every first-page load: answers of an older generation are dropped. */
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const loadFirst = useCallback(async (f: Filters, quiet = false): Promise<void> => {
    const mine = ++generation.current;
    loadingMore.current = false;
    if (!quiet) setList({ status: 'loading' });
    const res = await call('catalog', 'list', inputOf(f));
    if (mine !== generation.current) return;
    if (!res.ok) {
      // Refused: the role the phone remembered is out of date; ask who the caller is now.
      if (res.error.code === 'FORBIDDEN' || res.error.code === 'UNAUTHENTICATED') refused();
      const had = listRef.current;
      if (quiet && had.status === 'ok') {
        void Taro.showToast({ title: `刷新失败：${res.error.message}`, icon: 'none' });
        return;
      }
      setList({ status: 'error', message: res.error.message });
      return;
    }
    const data: CatalogListOutput = res.data;
    if (data.categories) setCategories(data.categories);
    setList({ status: 'ok', items: appendNew([], data.items), nextCursor: data.nextCursor, more: 'idle', moreError: '' });
  }, [refused]);

  const loadMore = useCallback(async (): Promise<void> => {
    const now = listRef.current;
    if (now.status !== 'ok' || !now.nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const mine = generation.current;
    setList({ ...now, more: 'loading' });
    const res = await call('catalog', 'list', inputOf(filtersRef.current, now.nextCursor));
    if (mine !== generation.current) return;
    loadingMore.current = false;
    setList((l) => {
      if (l.status !== 'ok') return l;
      if (!res.ok) return { ...l, more: 'error', moreError: res.error.message };
      return { ...l, items: appendNew(l.items, res.data.items), nextCursor: res.data.nextCursor, more: 'idle', moreError: '' };
    });
  }, []);

  useEffect(() => {
    if (open) void loadFirst(filters);
  }, [filters, loadFirst, open]);

  usePersonaReload(() => {
    if (openRef.current) void loadFirst(filtersRef.current);
  });

  usePullDownRefresh(() => {
    if (!openRef.current) {
      void Taro.stopPullDownRefresh();
      return;
    }
    void loadFirst(filtersRef.current, true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void loadMore());

  // Search as the buyer types, after a pause; 搜索 on the keyboard or 取消 acts at once.
  useEffect(() => {
    if (searchText.trim() === filtersRef.current.keyword) return undefined;
    const timer = setTimeout(() => setFilters((f) => ({ ...f, keyword: searchText.trim() })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);
  const searchNow = () => setFilters((f) => (f.keyword === searchText.trim() ? f : { ...f, keyword: searchText.trim() }));
  const cancelSearch = () => {
    setSearchText('');
    setFilters((f) => (f.keyword === '' ? f : { ...f, keyword: '' }));
  };
  const clearFilters = () => {
    setSearchText('');
    setFilters(NO_FILTERS);
  };

  const tabs = useMemo(() => [{ id: null as string | null, name: '全部' }, ...categories.map((c) => ({ id: c.id as string | null, name: c.name }))], [categories]);
  const filtered = filters.categoryId !== null || filters.keyword !== '' || filters.inStock;

  if (access.status === 'checking') {
    return (
      <View className="page page-catalog">
        <PageState status="loading" rows={5} />
      </View>
    );
  }
  if (access.status === 'closed') {
    return (
      <View className="page page-catalog">
        <TabClosed tab="catalog" audience={access.audience} icon={icon} />
      </View>
    );
  }
  const canOrder = access.audience !== 'clerk';

  return (
    <View className="page page-catalog">
      <View className="catalog-header">
        <View className="catalog-search">
          <View className="catalog-search-box">
            <Text className="catalog-search-icon">🔍</Text>
            <Input
              className="catalog-search-input"
              value={searchText}
              placeholder="搜索商品名称、口味或规格"
              confirmType="search"
              maxlength={40}
              onInput={(e) => setSearchText(e.detail.value)}
              onConfirm={searchNow}
            />
          </View>
          {searchText !== '' || filters.keyword !== '' ? (
            <Text className="catalog-search-cancel" onClick={cancelSearch}>
              取消
            </Text>
          ) : null}
        </View>
        <ScrollView className="catalog-tabs" scrollX enhanced showScrollbar={false}>
          {tabs.map((t) => (
            <View
              key={t.id ?? 'all'}
              className={`catalog-tab catalog-tab-${t.id ?? 'all'}${filters.categoryId === t.id ? ' catalog-tab-active' : ''}`}
              onClick={() => setFilters((f) => (f.categoryId === t.id ? f : { ...f, categoryId: t.id }))}
            >
              {t.name}
            </View>
          ))}
        </ScrollView>
        <View className="catalog-filters">
          <View
            className={`catalog-instock${filters.inStock ? ' catalog-instock-on' : ''}`}
            onClick={() => setFilters((f) => ({ ...f, inStock: !f.inStock }))}
          >
            <Text className="catalog-instock-box">{filters.inStock ? '✓' : ''}</Text>
            <Text>只看有货</Text>
          </View>
          {filters.keyword ? <Text className="catalog-filter-note muted">“{filters.keyword}”的搜索结果</Text> : null}
        </View>
      </View>

      {list.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {list.status === 'error' ? (
        <PageState status="error" message={list.message} onRetry={() => void loadFirst(filtersRef.current)} />
      ) : null}
      {list.status === 'ok' && list.items.length === 0 ? (
        filtered ? (
          <PageState
            status="empty"
            icon={icon}
            title="没有找到相关商品"
            description={filters.keyword ? `没有与“${filters.keyword}”匹配的商品，换个关键词或清除筛选试试` : '当前筛选条件下没有商品，清除筛选看看全部商品'}
            action={
              <View className="catalog-clear-filters" onClick={clearFilters}>
                清除筛选
              </View>
            }
          />
        ) : (
          <PageState status="empty" icon={icon} title="暂无可订商品" description="品牌方还没有为你的经销商等级和区域开放商品，请联系渠道经理。" />
        )
      ) : null}
      {list.status === 'ok' && list.items.length > 0 ? (
        <ItemList items={list.items} canOrder={canOrder} />
      ) : null}
      {list.status === 'ok' && list.items.length > 0 ? (
        <View className="catalog-footer">
          {list.nextCursor === null ? (
            <Text className="catalog-end">没有更多了</Text>
          ) : list.more === 'error' ? (
            <View className="catalog-load-more catalog-load-more-error" onClick={() => void loadMore()}>
              加载失败：{list.moreError}，点击重试
            </View>
          ) : (
            <View className="catalog-load-more" onClick={() => void loadMore()}>
              {list.more === 'loading' ? '加载中…' : '上拉或点击加载更多'}
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}

/** The list with windowing past WINDOW_FROM items (see ITEM_HEIGHT above). */
function ItemList({ items, canOrder }: { items: CatalogItem[]; canOrder: boolean }) {
  const [first, setFirst] = useState(0);
  const metrics = useMemo(() => {
    let width = 375;
    let height = 667;
    try {
      const info = Taro.getSystemInfoSync();
      width = info.windowWidth || width;
      height = info.windowHeight || height;
    } catch {
      // Defaults of a small phone: the overscan absorbs the difference.
    }
    const pxPerDesign = width / 750;
    return { itemPx: ITEM_HEIGHT * pxPerDesign, headerPx: HEADER_HEIGHT * pxPerDesign, visible: Math.ceil(height / (ITEM_HEIGHT * pxPerDesign)) };
  }, []);

  usePageScroll(({ scrollTop }) => {
    const index = Math.floor((scrollTop - metrics.headerPx) / metrics.itemPx) - OVERSCAN;
    setFirst(Math.max(0, Math.floor(index / CHUNK) * CHUNK));
  });

  const windowed = items.length > WINDOW_FROM;
  const size = metrics.visible + 2 * OVERSCAN + CHUNK;
  const start = windowed ? Math.max(0, Math.min(first, items.length - size)) : 0;
  const end = windowed ? Math.min(items.length, start + size) : items.length;

  return (
    <View className="catalog-list">
      {start > 0 ? <Spacer cards={start} /> : null}
      {items.slice(start, end).map((item) => (
        <ItemCard key={item.sku} item={item} canOrder={canOrder} />
      ))}
      {end < items.length ? <Spacer cards={items.length - end} /> : null}
    </View>
  );
}

/** Stands in for `cards` item cards (see .catalog-spacer in index.scss). */
function Spacer({ cards }: { cards: number }) {
  return <View className="catalog-spacer" style={`--cards: ${cards}`} />;
}

function ItemCard({ item, canOrder }: { item: CatalogItem; canOrder: boolean }) {
  const pack = biggestPack(item);
  const out = stockState(item.available, item.moq) === 'out';
  const open = () => void Taro.navigateTo({ url: `/packages/product/detail/index?sku=${encodeURIComponent(item.sku)}` });
  const quickAdd = (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    if (out) return;
    const { qty, unit } = smallestOrder(item);
    addToCart(item, qty, unit);
    void Taro.showToast({ title: `已加入 ${qty} ${unit}`, icon: 'success' });
  };
  return (
    <View className={`catalog-item catalog-item-${item.sku}`} onClick={open}>
      <View className="catalog-item-card">
        {item.image ? (
          <Image className="catalog-item-image" src={item.image} mode="aspectFill" lazyLoad />
        ) : (
          <View className="catalog-item-image catalog-item-placeholder">{item.name.slice(0, 2)}</View>
        )}
        <View className="catalog-item-body">
          <Text className="catalog-item-name">{item.name}</Text>
          <Text className="catalog-item-spec">{item.spec}</Text>
          <View className="catalog-item-prices">
            <Text className="catalog-item-price">
              {formatFen(item.price)}/{item.baseUnit}
            </Text>
            {pack ? (
              <Text className="catalog-item-pack-price">
                {formatFen(item.price * pack.factor)}/{pack.name}
              </Text>
            ) : null}
            {item.listPrice !== item.price ? <Text className="catalog-item-list-price">{formatFen(item.listPrice)}</Text> : null}
          </View>
          <Text className="catalog-item-hint">{item.tierHint ?? item.priceLabel ?? ' '}</Text>
          <View className="catalog-item-foot">
            <View className="catalog-item-stock">
              <StockTag available={item.available} moq={item.moq} />
              <Text className="catalog-item-moq">{moqText(item)}</Text>
            </View>
            {canOrder ? (
              <View className={`catalog-item-add${out ? ' catalog-item-add-off' : ''}`} onClick={quickAdd}>
                {out ? '缺货' : '加入购物车'}
              </View>
            ) : null}
          </View>
        </View>
      </View>
    </View>
  );
}

function moqText(item: CatalogItem): string {
  const { qty, unit } = smallestOrder(item);
  return `${qty} ${unit}起订`;
}
