import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { Envelope, ErrorBody } from '@shared/envelope';
import { usePersonaReload } from '../components/PersonaReload';

/** What one page of a cursor-paged action answers (orders.list, catalog.list, rebates.wallet …). */
export interface Page<T> {
  items: readonly T[];
  nextCursor: string | null;
}

export type MoreState = 'idle' | 'loading' | 'error';

/** The item type of a page answer. */
export type ItemOf<P extends Page<unknown>> = P['items'][number];

export type PagedListState<P extends Page<unknown>> =
  | { status: 'loading' }
  | { status: 'error'; error: ErrorBody }
  | {
      status: 'ok';
      items: ItemOf<P>[];
      nextCursor: string | null;
      /** The next page's own state: the list stays on screen while it loads or fails. */
      more: MoreState;
      moreError: ErrorBody | null;
      /** The first page's whole answer, for what rides along with it (catalog's categories, a wallet's balance). */
      first: P;
    };

export interface PagedListOptions<P extends Page<unknown>> {
  /** Ask for one page; `cursor` is undefined for the first. */
  fetch: (cursor: string | undefined) => Promise<Envelope<P>>;
  /**
   * The first page's answer if it is already in (the launch's, services/cloud answeredAtLaunch),
   * read once at mount when `enabled`: the list starts with it, with no loading render and no fetch.
   */
  answered?: () => Envelope<P> | undefined;
  /** An item's identity: a page that overlaps the last one adds nothing twice. */
  keyOf: (item: ItemOf<P>) => string;
  /** The query (tab, filters) as a string: when it changes the list starts again from the first page. */
  queryKey?: string;
  /** False while the page may not ask yet (a tab still checking access): nothing is fetched. Default true. */
  enabled?: boolean;
  /** Ask again quietly whenever the page comes back into view (data that moves elsewhere: orders). Default false. */
  live?: boolean;
  /**
   * A quiet refresh (pull-down, coming back) that fails keeps the list and says so in a toast
   * instead of replacing it with the error state. Default false (the error state).
   */
  keepOnQuietError?: boolean;
  /** Told of every refused first page (e.g. to re-check the caller's role on FORBIDDEN). */
  onError?: (error: ErrorBody) => void;
}

export interface PagedList<P extends Page<unknown>> {
  state: PagedListState<P>;
  /** The first page again; `quiet` keeps what is shown until the answer is in. */
  reload: (quiet?: boolean) => Promise<void>;
  /** The next page, if there is one and it is not already on its way (the 加载更多 tap). */
  loadMore: () => Promise<void>;
}

/** `more` appended to `have`, dropping any item whose key is already there. */
function appendNew<T>(have: readonly T[], more: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set(have.map(keyOf));
  const out = [...have];
  for (const item of more) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/**
 * A cursor-paged list on a page: the first page on mount (once `enabled`) and whenever
 * `queryKey` changes, the next page on reaching the bottom (or `loadMore()`), the first page
 * again quietly on pull-down (the indicator stops when the answer is in), afresh when the local
 * persona changes, and — with `live` — quietly whenever the page shows again.
 *
 * `state` is loading | error | ok; "empty" is `ok` with no items, so the page chooses its own
 * empty text. An answer that arrives after a newer first-page request started is dropped, so a
 * quick tab switch never shows the previous tab's items.
 *
 * Because it registers the page hooks itself (useReachBottom, usePullDownRefresh, useDidShow),
 * use it once per page and not together with useLivePage.
 *
 * ```tsx
 * const { state, reload, loadMore } = usePagedList({
 *   fetch: (cursor) => call('orders', 'list', { group, limit: 10, ...(cursor ? { cursor } : {}) }),
 *   keyOf: (o) => o.id,
 *   queryKey: group,
 *   live: true,
 * });
 * ```
 */
export function usePagedList<P extends Page<unknown>>(options: PagedListOptions<P>): PagedList<P> {
  const { queryKey = '', enabled = true } = options;
  /** True while the state is the answer taken at mount, so the mount's own load is not asked. */
  const startedWithAnswer = useRef(false);
  const [state, setState] = useState<PagedListState<P>>(() => {
    const res = enabled ? options.answered?.() : undefined;
    if (!res?.ok) return { status: 'loading' };
    startedWithAnswer.current = true;
    return {
      status: 'ok',
      items: appendNew([], res.data.items, options.keyOf),
      nextCursor: res.data.nextCursor,
      more: 'idle',
      moreError: null,
      first: res.data,
    };
  });
  const opts = useRef(options);
  opts.current = options;
  const stateRef = useRef(state);
  stateRef.current = state;
  /** Bumped by every first-page request: answers of an older generation are dropped. */
  const generation = useRef(0);
  const loadingMore = useRef(false);

  const reload = useCallback(async (quiet = false): Promise<void> => {
    const mine = ++generation.current;
    loadingMore.current = false;
    if (!quiet) setState({ status: 'loading' });
    const { fetch, keyOf, keepOnQuietError, onError } = opts.current;
    const res = await fetch(undefined);
    if (mine !== generation.current) return;
    if (!res.ok) {
      onError?.(res.error);
      if (quiet && keepOnQuietError && stateRef.current.status === 'ok') {
        void Taro.showToast({ title: `刷新失败：${res.error.message}`, icon: 'none' });
        return;
      }
      setState({ status: 'error', error: res.error });
      return;
    }
    setState({ status: 'ok', items: appendNew([], res.data.items, keyOf), nextCursor: res.data.nextCursor, more: 'idle', moreError: null, first: res.data });
  }, []);

  const loadMore = useCallback(async (): Promise<void> => {
    const now = stateRef.current;
    if (now.status !== 'ok' || !now.nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const mine = generation.current;
    setState({ ...now, more: 'loading' });
    const res = await opts.current.fetch(now.nextCursor);
    if (mine !== generation.current) return;
    const { keyOf } = opts.current;
    const apply = (s: PagedListState<P>): PagedListState<P> => {
      if (s.status !== 'ok') return s;
      if (!res.ok) return { ...s, more: 'error', moreError: res.error };
      return { ...s, items: appendNew(s.items, res.data.items, keyOf), nextCursor: res.data.nextCursor, more: 'idle', moreError: null };
    };
    // The next reach-bottom may come before this renders (a page of 20 cards with pictures takes
    // a while on weapp): it must already see the new cursor, or it asks for this page again.
    stateRef.current = apply(stateRef.current);
    loadingMore.current = false;
    setState(apply);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    if (startedWithAnswer.current) startedWithAnswer.current = false;
    else void reload();
  }, [enabled, queryKey, reload]);

  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  // The first showing is the mount's own load, so it is not asked twice.
  const shown = useRef(false);
  useDidShow(() => {
    if (opts.current.live === true && shown.current && enabledRef.current) void reload(true);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    if (!enabledRef.current) {
      void Taro.stopPullDownRefresh();
      return;
    }
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void loadMore());
  usePersonaReload(() => {
    if (enabledRef.current) void reload(false);
  });

  return { state, reload, loadMore };
}
