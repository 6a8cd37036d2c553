import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { OrderView } from '@shared/contracts';
import type { SellThroughOutput, TierOrderGroup, TierOrderList, TierOrderSummary, TierPriceItem, TierPricesOutput } from '@shared/contracts/tier';
import type { Envelope } from '@shared/envelope';
import { err } from '@shared/envelope';
import type { PagedList } from '../../hooks/usePagedList';
import { usePagedList } from '../../hooks/usePagedList';
import type { CallState } from '../../services/useCall';
import { useCall } from '../../services/useCall';
import { shanghaiMonthKey, shanghaiParts, shiftMonthKey } from '@shared/time';
import { acceptOrder, orderCall, tierCall } from './api';

/**
 * The two-tier screens' data and commands, in one place: the pages only lay them out.
 * docs/two-tier.md says who may call what; the server decides, these hooks only ask.
 */

/** A two-tier order list (the first-tier's 下级订单, or a child's 向上级订货), one status group, cursor-paged, live. */
export function useTierOrders(side: 'incoming' | 'outgoing', group: TierOrderGroup | 'all'): PagedList<TierOrderList> {
  return usePagedList<TierOrderList>({
    fetch: (cursor) => tierCall(side, { ...(group === 'all' ? {} : { status: group }), ...(cursor ? { cursor } : {}) }),
    keyOf: (o) => o.id,
    queryKey: group,
    live: true,
    keepOnQuietError: true,
  });
}

/** What 发货 sends: every line's quantity still to ship, one row per SKU (items and gifts together). */
export function linesToShip(order: OrderView): Array<{ sku: string; qty: number }> {
  const bySku = new Map<string, number>();
  for (const l of order.lines) if (l.qty > l.shippedQty) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.qty - l.shippedQty);
  return [...bySku].map(([sku, qty]) => ({ sku, qty }));
}

export type Panel = { kind: 'reject' | 'ship' | 'pay'; orderId: string } | null;

export interface IncomingCommands {
  busy: boolean;
  panel: Panel;
  open: (kind: 'reject' | 'ship' | 'pay', orderId: string) => void;
  close: () => void;
  accept: (o: TierOrderSummary) => Promise<boolean>;
  reject: (o: TierOrderSummary, reason: string) => Promise<boolean>;
  ship: (o: TierOrderSummary, carrier: string, trackingNo: string) => Promise<boolean>;
  recordPayment: (o: TierOrderSummary, amount: number) => Promise<boolean>;
}

/**
 * 接单 / 拒单 / 发货 / 记录收款 on a child's order. One command at a time; each answer is told in a
 * toast (the server's message when refused) and a success asks the list again (`onDone`).
 * 发货 reads the order first (orders.get) to send what is still to ship of every line.
 */
export function useIncomingCommands(onDone: () => void): IncomingCommands {
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const run = async (work: () => Promise<Envelope<unknown>>, done: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    const res = await work();
    setBusy(false);
    if (!res.ok) {
      void Taro.showToast({ title: res.error.message, icon: 'none', duration: 3000 });
      return false;
    }
    setPanel(null);
    void Taro.showToast({ title: done, icon: 'success' });
    onDone();
    return true;
  };
  return {
    busy,
    panel,
    open: (kind, orderId) => setPanel({ kind, orderId }),
    close: () => setPanel(null),
    accept: (o) => run(() => acceptOrder(o.id), '已接单'),
    reject: (o, reason) => run(() => orderCall('reject', { orderId: o.id, reason }), '已拒单'),
    ship: (o, carrier, trackingNo) =>
      run(async () => {
        const got = await orderCall('get', { orderId: o.id });
        if (!got.ok) return got;
        const lines = linesToShip(got.data);
        if (lines.length === 0) return err('CONFLICT', '这笔订单已没有待发的商品');
        return orderCall('ship', { orderId: o.id, carrier, trackingNo, lines });
      }, '已发货'),
    recordPayment: (o, amount) => run(() => tierCall('recordPayment', { orderNo: o.orderNo, amount }), '已记录收款'),
  };
}

/**
 * The first-tier's 下级供货价 (tier.prices: every on-sale SKU, priced or not, a page at a time) and saving one SKU's
 * price (tier.setPrice); a saved row replaces its old one.
 */
export function useTierPrices() {
  const { state, reload, loadMore } = usePagedList<TierPricesOutput>({
    fetch: (cursor) => tierCall('prices', cursor ? { cursor } : {}),
    keyOf: (i) => i.sku,
  });
  const [saved, setSaved] = useState<Record<string, TierPriceItem>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const save = async (sku: string, unitPrice: number): Promise<string | null> => {
    if (saving) return null;
    setSaving(sku);
    const res = await tierCall('setPrice', { sku, unitPrice });
    setSaving(null);
    if (!res.ok) return res.error.message;
    setSaved((s) => ({ ...s, [sku]: res.data }));
    void Taro.showToast({ title: '供货价已保存', icon: 'success' });
    return null;
  };
  const items = state.status === 'ok' ? state.items.map((i) => saved[i.sku] ?? i) : [];
  return { state, items, reload: () => reload().then(() => setSaved({})), loadMore, saving, save };
}

/** The first-tier's own stock (tier.stock). */
export function useTierStock() {
  return useCall(() => tierCall('stock', {}));
}

/** Who the caller is in two-tier terms (tier.status): first_tier, sub_dealer or none. */
export function useTierStatus() {
  return useCall(() => tierCall('status', {}));
}

export interface SellThroughView {
  range: { from: string; to: string };
  setRange: (r: { from: string; to: string }) => void;
  state: CallState<SellThroughOutput>;
  reload: () => Promise<void>;
}

/** The default range: the first day of the month two months back to today, Shanghai days (the phone's clock). */
export function defaultRange(now: number): { from: string; to: string } {
  const p = shanghaiParts(now);
  const month = shanghaiMonthKey(now);
  return { from: `${shiftMonthKey(month, -2)}-01`, to: `${month}-${String(p.day).padStart(2, '0')}` };
}

/** 分销流向 over a range of Shanghai days (inclusive), asked again whenever the range changes. */
export function useSellThrough(initial: { from: string; to: string }): SellThroughView {
  const [range, setRange] = useState(initial);
  const { state, reload } = useCall(() => tierCall('sellThrough', range));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [range.from, range.to, reload]);
  return { range, setRange, state, reload: () => reload() };
}
