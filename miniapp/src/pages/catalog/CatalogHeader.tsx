import { Image, Input, ScrollView, Text, View } from '@tarojs/components';
import type { CategoryNode } from '@shared/contracts';
import { Box, Run } from './elements';
import type { CatalogFilters } from './useCatalogFilters';

/**
 * The magnifier as a small SVG: the 🔍 emoji it replaces is a missing-glyph box where no emoji font
 * is installed (many H5 browsers, headless Chromium). Decorative (empty alt).
 */
const SEARCH_ICON =
  'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIyNCIgaGVpZ2h0PSIyNCIgdmlld0JveD0iMCAwIDI0IDI0IiBmaWxsPSJub25lIiBzdHJva2U9IiM2NzZjNzUiIHN0cm9rZS13aWR0aD0iMi41IiBzdHJva2UtbGluZWNhcD0icm91bmQiPjxjaXJjbGUgY3g9IjEwLjUiIGN5PSIxMC41IiByPSI2LjUiLz48cGF0aCBkPSJNMTUuNSAxNS41IDIxIDIxIi8+PC9zdmc+';

/**
 * Search box, category tabs and 只看有货.
 *
 * Hand-rolled rather than NutUI's SearchBar and Tabs: this tab page is in the main package,
 * whose budget is 600 KB (tests/miniapp/tab-pages.test.ts) and which is at 592 KB. Measured
 * (npm run build:weapp && npm run size, 2026-12): Tabs alone adds 15.8 KB, SearchBar with Tabs
 * 29.1 KB — either breaks the budget. The category strip is also a horizontal ScrollView of
 * server-given categories, which NutUI's Tabs would want to own as panes.
 */
export function CatalogHeader({ f, categories }: { f: CatalogFilters; categories: readonly CategoryNode[] }) {
  const { filters } = f;
  const tabs = [{ id: null as string | null, name: '全部' }, ...categories.map((c) => ({ id: c.id as string | null, name: c.name }))];
  return (
    <View className="catalog-header">
      <View className="catalog-search">
        <View className="catalog-search-box">
          <Image className="catalog-search-icon" src={SEARCH_ICON} style={{ width: '16px', height: '16px' }} nativeProps={{ alt: '' }} />
          <Input
            className="catalog-search-input"
            value={f.searchText}
            placeholder="搜索商品名称、口味或规格"
            confirmType="search"
            maxlength={40}
            onInput={(e) => f.type(e.detail.value)}
            onConfirm={f.searchNow}
          />
        </View>
        {f.searchText !== '' || filters.keyword !== '' ? (
          <Text className="catalog-search-cancel" onClick={f.cancelSearch}>
            取消
          </Text>
        ) : null}
      </View>
      <ScrollView className="catalog-tabs" scrollX enhanced showScrollbar={false}>
        {tabs.map((t) => (
          <Box
            key={t.id ?? 'all'}
            className={`catalog-tab catalog-tab-${t.id ?? 'all'}${filters.categoryId === t.id ? ' catalog-tab-active' : ''}`}
            onClick={() => f.setCategory(t.id)}
          >
            {t.name}
          </Box>
        ))}
      </ScrollView>
      <Box className="catalog-filters">
        <Box className={`catalog-instock${filters.inStock ? ' catalog-instock-on' : ''}`} onClick={f.toggleInStock}>
          <Run className="catalog-instock-box">{filters.inStock ? '✓' : ''}</Run>
          <Run>只看有货</Run>
        </Box>
        {filters.keyword ? <Run className="catalog-filter-note muted">“{filters.keyword}”的搜索结果</Run> : null}
      </Box>
    </View>
  );
}
