import { useCallback, useEffect, useState } from 'react';
import type { DealerListItem } from '@shared/contracts/dealers';
import { dealersCall } from '../api';

/**
 * The dealers that may take over (dealers.list: the caller's regions), 20 at a time with
 * 加载更多: active ones other than the dealer leaving.
 */
export function useSuccessors(leaving: string) {
  const [list, setList] = useState<{ items: DealerListItem[]; cursor: string | null; error: string | null; loading: boolean }>({
    items: [],
    cursor: null,
    error: null,
    loading: true,
  });
  const load = useCallback(
    async (cursor?: string) => {
      setList((l) => ({ ...l, loading: true, error: null }));
      const answer = await dealersCall('list', { limit: 20, ...(cursor ? { cursor } : {}) });
      setList((l) =>
        answer.ok
          ? {
              items: [...(cursor ? l.items : []), ...answer.data.items.filter((d) => d.id !== leaving && d.status === 'active')],
              cursor: answer.data.nextCursor,
              error: null,
              loading: false,
            }
          : { ...l, error: answer.error.message, loading: false },
      );
    },
    [leaving],
  );
  useEffect(() => void load(), [load]);
  return { ...list, more: () => (list.cursor ? void load(list.cursor) : undefined), retry: () => void load() };
}
