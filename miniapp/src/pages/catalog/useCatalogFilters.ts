import { useEffect, useRef, useState } from 'react';
import type { Filters } from './filters';
import { NO_FILTERS } from './filters';

/** Typing pauses this long before the catalog is searched. */
const SEARCH_DEBOUNCE_MS = 350;

export type { Filters } from './filters';
export { listInput, NO_FILTERS } from './filters';

export interface CatalogFilters {
  filters: Filters;
  /** What is in the search box; it becomes `filters.keyword` after a pause in typing. */
  searchText: string;
  type: (text: string) => void;
  /** 搜索 on the keyboard: search at once. */
  searchNow: () => void;
  /** 取消: empty the box and drop the keyword. */
  cancelSearch: () => void;
  setCategory: (id: string | null) => void;
  toggleInStock: () => void;
  /** 清除筛选: everything back to the whole catalog. */
  clear: () => void;
}

/** The catalog's filters: category, keyword (searched as the buyer types, after a pause) and 只看有货. */
export function useCatalogFilters(): CatalogFilters {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [searchText, setSearchText] = useState('');
  const keywordRef = useRef(filters.keyword);
  keywordRef.current = filters.keyword;

  useEffect(() => {
    if (searchText.trim() === keywordRef.current) return undefined;
    const timer = setTimeout(() => setFilters((f) => ({ ...f, keyword: searchText.trim() })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  return {
    filters,
    searchText,
    type: setSearchText,
    searchNow: () => setFilters((f) => (f.keyword === searchText.trim() ? f : { ...f, keyword: searchText.trim() })),
    cancelSearch: () => {
      setSearchText('');
      setFilters((f) => (f.keyword === '' ? f : { ...f, keyword: '' }));
    },
    setCategory: (id) => setFilters((f) => (f.categoryId === id ? f : { ...f, categoryId: id })),
    toggleInStock: () => setFilters((f) => ({ ...f, inStock: !f.inStock })),
    clear: () => {
      setSearchText('');
      setFilters(NO_FILTERS);
    },
  };
}
