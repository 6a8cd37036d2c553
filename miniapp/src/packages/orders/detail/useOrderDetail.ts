import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { MeOutput, OrderView } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { err, ok } from '@shared/envelope';
import type { Role } from '@shared/roles';
import { call } from '../../../services/cloud';
import { loadMe } from '../../../services/session';
import type { CallState } from '../../../services/useCall';
import { useCall } from '../../../services/useCall';

export interface Loaded {
  order: OrderView;
  role: Role | null;
}

/** Query values arrive encoded on some platforms and decoded on others. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The order of `?id=` and the caller's role, asked together. After a command the order shows as
 * the server returned it (`changed`) without asking again; pulling down, or a command refused as
 * stale (`stale`), asks afresh.
 */
export function useOrderDetail(): { state: CallState<Loaded>; reload: () => Promise<void>; changed: (o: OrderView) => void; stale: () => void } {
  const id = decodeParam(useRouter().params['id'] ?? '');
  const { state, reload } = useCall<Loaded>(async (): Promise<Envelope<Loaded>> => {
    if (!id) return err('INVALID_INPUT', '没有指定要查看的订单，请从订单列表进入');
    const [order, me] = await Promise.all([call('orders', 'get', { orderId: id }), loadMe()]);
    if (!order.ok) return order;
    const role = me.ok && me.data.registered ? (me.data as Extract<MeOutput, { registered: true }>).role : null;
    return ok({ order: order.data, role });
  });
  const [override, setOverride] = useState<OrderView | null>(null);
  const stale = () => {
    setOverride(null);
    void reload(true);
  };
  usePullDownRefresh(() => {
    setOverride(null);
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  const shown: CallState<Loaded> =
    state.status === 'ok' && override && override.id === state.data.order.id ? { status: 'ok', data: { ...state.data, order: override } } : state;
  return { state: shown, reload: () => reload(), changed: setOverride, stale };
}
