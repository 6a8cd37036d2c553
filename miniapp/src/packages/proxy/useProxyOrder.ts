import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { CatalogItem, DealerDetail, OrderView, PricedCart } from '@shared/contracts';
import type { Address } from '@shared/orders/schemas';
import type { AddressForm } from '../../services/checkout';
import { checkAddress, newClientOrderId } from '../../services/checkout';
import { call } from '../../services/cloud';
import { askConsent } from '../../services/notifications';
import { dealersCall } from '../dealers/api';

export type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `next`: the catalog's next page (加载更多), null at its end. */
  | { status: 'ready'; dealer: DealerDetail; items: CatalogItem[]; next: string | null };

export interface ProxyOrder {
  dealerId: string;
  state: Loaded;
  reload: () => void;
  /** Base units per SKU in the cart. */
  cart: Record<string, number>;
  setQty: (sku: string, qty: number) => void;
  quote: PricedCart | null;
  quoteError: string | null;
  address: AddressForm;
  setField: (key: keyof Address, value: string) => void;
  busy: boolean;
  placed: OrderView | null;
  submit: () => Promise<void>;
  /** The dealer's catalog a page (20) at a time. */
  loadingMore: boolean;
  more: () => Promise<void>;
}

/**
 * 代客下单 for the dealer in ?dealerId=: the dealer's catalog and quote exactly as the dealer sees
 * them (catalog.list and pricing.quote with forDealerId: the server prices for that dealer; the
 * page never computes a price), the delivery address starting from the dealer's contact, and the
 * submit "for the dealer" (orders.submitForDealer) under one client id per cart, so a retry or a
 * double tap makes one order.
 */
export function useProxyOrder(): ProxyOrder {
  const dealerId = useRouter().params['dealerId'] ?? '';
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [cart, setCart] = useState<Record<string, number>>({});
  const [priced, setPriced] = useState<{ quote: PricedCart | null; error: string | null }>({ quote: null, error: null });
  const [address, setAddress] = useState<AddressForm>({ name: '', mobile: '', province: '', city: '', district: '', detail: '' });
  const [busy, setBusy] = useState(false);
  const [placed, setPlaced] = useState<OrderView | null>(null);
  const clientId = useRef(newClientOrderId());
  const asked = useRef(0);

  const load = async () => {
    setState({ status: 'loading' });
    const [dealer, catalog] = await Promise.all([dealersCall('get', { dealerId }), call('catalog', 'list', { forDealerId: dealerId, limit: 20 })]);
    if (!dealer.ok) return setState({ status: 'error', message: dealer.error.message });
    if (!catalog.ok) return setState({ status: 'error', message: catalog.error.message });
    const d = dealer.data;
    setAddress((a) => (a.name ? a : { ...a, name: d.contactName, mobile: d.contactMobile, city: d.city }));
    setState({ status: 'ready', dealer: d, items: catalog.data.items, next: catalog.data.nextCursor });
  };
  const [loadingMore, setLoadingMore] = useState(false);
  const more = async () => {
    if (state.status !== 'ready' || !state.next || loadingMore) return;
    setLoadingMore(true);
    const res = await call('catalog', 'list', { forDealerId: dealerId, limit: 20, cursor: state.next });
    setLoadingMore(false);
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' });
    setState((s) => (s.status === 'ready' ? { ...s, items: [...s.items, ...res.data.items], next: res.data.nextCursor } : s));
  };
  useEffect(() => {
    void load();
    // Loaded once per dealer the page was opened for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dealerId]);

  const lines = (c: Record<string, number>) => Object.entries(c).flatMap(([sku, qty]) => (qty > 0 ? [{ sku, qty, unit: unitOf(state, sku) }] : []));
  const setQty = (sku: string, qty: number) => {
    const next = { ...cart, [sku]: qty };
    setCart(next);
    clientId.current = newClientOrderId();
    const sent = lines(next);
    const mine = ++asked.current;
    if (sent.length === 0) return setPriced({ quote: null, error: null });
    void call('pricing', 'quote', { lines: sent, forDealerId: dealerId }).then((res) => {
      if (mine !== asked.current) return;
      setPriced(res.ok ? { quote: res.data, error: null } : { quote: null, error: res.error.message });
    });
  };

  const submit = async () => {
    const checked = checkAddress(address);
    if (!checked.ok) return void Taro.showToast({ title: Object.values(checked.errors)[0] ?? '请完善收货地址', icon: 'none' });
    if (busy || lines(cart).length === 0) return;
    setBusy(true);
    // From the tap: the manager may hear if the dealer refuses the order or lets it lapse (order_cancelled).
    await askConsent('submit_order');
    const res = await call('orders', 'submitForDealer', { dealerId, clientOrderId: clientId.current, lines: lines(cart), address: checked.address });
    setBusy(false);
    if (res.ok) return setPlaced(res.data.order);
    void Taro.showModal({ title: '代客下单未成功', content: res.error.message, showCancel: false, confirmText: '知道了' });
  };

  return {
    dealerId,
    state,
    reload: () => void load(),
    cart,
    setQty,
    quote: priced.quote,
    quoteError: priced.error,
    address,
    setField: (key, value) => setAddress((a) => ({ ...a, [key]: value })),
    busy,
    placed,
    submit,
    loadingMore,
    more,
  };
}

function unitOf(state: Loaded, sku: string): string {
  return state.status === 'ready' ? (state.items.find((i) => i.sku === sku)?.baseUnit ?? '件') : '件';
}
