import Taro from '@tarojs/taro';
import type { Address } from '@shared/orders/schemas';
import { MAINLAND_MOBILE } from '@shared/orders/schemas';
import type { CartEntry } from './cart';
import { readCart, writeCart } from './cart';

/**
 * Checkout state that must outlive a page: the idempotency key of the order being placed, and
 * the last delivery address used.
 *
 * The key (clientOrderId) is made once per checkout and kept in storage until the server has
 * confirmed the order. Every submit of that checkout — a double tap, a retry after a timeout, a
 * retry after the app was killed mid-request — sends the same key, and the server answers with
 * the order it already made instead of making a second one. Only a confirmed order clears it.
 */
export const CHECKOUT_ID_KEY = 'checkout.clientOrderId.v1';
export const ADDRESS_KEY = 'checkout.address.v1';

/** 24 URL-safe characters: time plus randomness (the server accepts 16–64 of A–Z a–z 0–9 - _). */
export function newClientOrderId(now = Date.now()): string {
  let rand = '';
  while (rand.length < 14) rand += Math.random().toString(36).slice(2);
  return `co-${now.toString(36)}-${rand.slice(0, 12)}`;
}

const CLIENT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The key of the checkout in progress, made and stored on first use. */
export function checkoutId(): string {
  try {
    const stored: unknown = Taro.getStorageSync(CHECKOUT_ID_KEY);
    if (typeof stored === 'string' && CLIENT_ID.test(stored)) return stored;
  } catch {
    // unreadable storage: make a new key below
  }
  const id = newClientOrderId();
  Taro.setStorageSync(CHECKOUT_ID_KEY, id);
  return id;
}

/** The order is confirmed: the next checkout is a new order. */
export function finishCheckout(): void {
  Taro.removeStorageSync(CHECKOUT_ID_KEY);
}

export type AddressForm = Record<keyof Address, string>;
export const EMPTY_ADDRESS: AddressForm = { name: '', mobile: '', province: '', city: '', district: '', detail: '' };
export const ADDRESS_FIELDS: ReadonlyArray<{ key: keyof Address; label: string; placeholder: string; max: number }> = [
  { key: 'name', label: '收货人', placeholder: '姓名', max: 20 },
  { key: 'mobile', label: '手机号', placeholder: '11 位手机号', max: 11 },
  { key: 'province', label: '省份', placeholder: '如 浙江省', max: 20 },
  { key: 'city', label: '城市', placeholder: '如 杭州市', max: 20 },
  { key: 'district', label: '区县', placeholder: '如 西湖区', max: 20 },
  { key: 'detail', label: '详细地址', placeholder: '街道、门牌号、仓库', max: 120 },
];

export function readLastAddress(): AddressForm {
  try {
    const stored: unknown = Taro.getStorageSync(ADDRESS_KEY);
    if (typeof stored !== 'object' || stored === null) return { ...EMPTY_ADDRESS };
    const s = stored as Record<string, unknown>;
    const out = { ...EMPTY_ADDRESS };
    for (const f of ADDRESS_FIELDS) if (typeof s[f.key] === 'string') out[f.key] = s[f.key] as string;
    return out;
  } catch {
    return { ...EMPTY_ADDRESS };
  }
}

export function saveLastAddress(a: Address): void {
  Taro.setStorageSync(ADDRESS_KEY, { ...a });
}

/** The address as the server wants it, or what to fix, per field, in Chinese. */
export function checkAddress(form: AddressForm): { ok: true; address: Address } | { ok: false; errors: Partial<Record<keyof Address, string>> } {
  const errors: Partial<Record<keyof Address, string>> = {};
  const trimmed = { ...form };
  for (const f of ADDRESS_FIELDS) {
    trimmed[f.key] = form[f.key].trim();
    if (!trimmed[f.key]) errors[f.key] = `请填写${f.label}`;
    else if (trimmed[f.key].length > f.max) errors[f.key] = `${f.label}最多 ${f.max} 字`;
  }
  if (trimmed.mobile && !MAINLAND_MOBILE.test(trimmed.mobile)) errors.mobile = '请填写 11 位大陆手机号，如 13800138000';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, address: trimmed };
}

/** After an order: take the lines it ordered out of the cart, keep anything added meanwhile. */
export function removeOrderedLines(sent: readonly CartEntry[], orderedSkus: readonly string[]): CartEntry[] {
  const ordered = new Set(orderedSkus);
  const gone = new Set(sent.filter((l) => ordered.has(l.sku)).map((l) => `${l.sku}|${l.qty}|${l.unit}`));
  return writeCart(readCart().filter((l) => !gone.has(`${l.sku}|${l.qty}|${l.unit}`)));
}
