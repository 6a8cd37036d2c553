import { useEffect, useRef, useState } from 'react';
import type { OrderSummary } from '@shared/contracts';
import { call } from '../../services/cloud';

export interface MyProxyOrders {
  items: OrderSummary[];
  /** First page loading, or failed with its message. */
  status: 'loading' | 'ready' | 'error';
  message: string;
  hasMore: boolean;
  loadingMore: boolean;
  more: () => void;
  reload: () => void;
}

const PAGE = 10;

/** 我的代客订单: the proxy orders the caller placed (orders.list with placedByMe), newest first, a page at a time. */
export function useMyProxyOrders(): MyProxyOrders {
  const [items, setItems] = useState<OrderSummary[]>([]);
  const [status, setStatus] = useState<MyProxyOrders['status']>('loading');
  const [message, setMessage] = useState('');
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const asked = useRef(0);

  const load = async (cursor: string | null) => {
    const mine = ++asked.current;
    if (cursor) setLoadingMore(true);
    else setStatus('loading');
    const res = await call('orders', 'list', { placedByMe: true, limit: PAGE, ...(cursor ? { cursor } : {}) });
    if (mine !== asked.current) return;
    setLoadingMore(false);
    if (!res.ok) {
      setMessage(res.error.message);
      if (!cursor) setStatus('error');
      return;
    }
    setItems((prev) => (cursor ? [...prev, ...res.data.items] : res.data.items));
    setNext(res.data.nextCursor);
    setStatus('ready');
  };
  useEffect(() => {
    void load(null);
  }, []);

  return {
    items,
    status,
    message,
    hasMore: next !== null,
    loadingMore,
    more: () => void (next && !loadingMore ? load(next) : undefined),
    reload: () => void load(null),
  };
}
