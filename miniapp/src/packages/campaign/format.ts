import { formatFen } from '@shared/money/format-fen';

/** 元 typed by a clerk → fen: digits with at most two decimals, more than 0; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}

export function couponValueText(c: { valueFen: number; minSpendFen: number }): string {
  return c.minSpendFen > 0
    ? `满 ${formatFen(c.minSpendFen, { compact: true })} 减 ${formatFen(c.valueFen, { compact: true })}`
    : `立减 ${formatFen(c.valueFen, { compact: true })}`;
}

/** Query values arrive encoded on some platforms and decoded on others. */
export function decodeParam(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const LANDING_PATH = '/packages/campaign/landing/index';
export const PRIVACY_PATH = '/packages/campaign/privacy/index';

/**
 * A map page for a store on H5 (the local preview, or a browser): Amap's URI API marker page
 * (https://lbs.amap.com/api/uri-api/guide/mobile-web/point), which takes GCJ-02 as the store's
 * position is stored. In WeChat the map opens with wx.openLocation instead.
 */
export function storeMapUrl(store: { name: string; address: string | null; location: { latitude: number; longitude: number } }): string {
  const { latitude, longitude } = store.location;
  return `https://uri.amap.com/marker?position=${longitude},${latitude}&name=${encodeURIComponent(store.address ?? store.name)}&coordinate=gaode&callnative=0`;
}
