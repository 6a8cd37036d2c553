import { useEffect, useRef, useState } from 'react';
import { shiftMonthKey } from '@shared/time/keys';
import { useCall } from '../../../services/useCall';
import { insightsCall } from '../api';

export type TrendBy = 'region' | 'category' | 'sku';

/**
 * The trends of one view (by region, category or SKU, optionally inside one category) and one
 * month; the function picks the last complete month until the manager moves.
 */
export function useTrends() {
  const [by, setBy] = useState<TrendBy>('region');
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [category, setCategory] = useState<{ id: string; name: string } | null>(null);
  const { state, reload } = useCall(() => insightsCall('trends', { by, ...(month ? { month } : {}), ...(category ? { categoryId: category.id } : {}) }));
  const asked = useRef(`${by}|${month}|${category?.id}`);
  useEffect(() => {
    const now = `${by}|${month}|${category?.id}`;
    if (asked.current === now) return;
    asked.current = now;
    void reload();
  }, [by, month, category, reload]);
  const shown = state.status === 'ok' ? state.data.month : month;
  return {
    by,
    category,
    state,
    reload,
    choose: (next: TrendBy) => {
      setBy(next);
      if (next !== 'sku') setCategory(null);
    },
    /** A category's products: its SKUs' trends inside it. */
    openCategory: (id: string, name: string) => {
      setCategory({ id, name });
      setBy('sku');
    },
    move: (by: number) => shown && setMonth(shiftMonthKey(shown, by)),
  };
}
