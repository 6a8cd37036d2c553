import type { CatalogDetail } from '@shared/contracts';
import { checkLine } from '@shared/pricing/check-line';
import type { CatalogProduct, DealerRef } from '@shared/pricing/types';

/** Visible to everyone: the server has already decided this dealer may see the product. */
const EVERYONE = { levels: [], regions: [], dealerIds: [] };
const ANY_DEALER: DealerRef = { id: '', level: '', region: '', parentDealerId: null };

/**
 * The server's own line check (shared/pricing/check-line), run on the phone so the buyer reads the
 * same message — 最少 2 箱 / 须为 6 件的倍数 — the moment they type, before the quote comes back.
 * The quote stays the authority: its message replaces this one when it arrives.
 */
export function localLineError(p: CatalogDetail, qty: number, unit: string): string | null {
  const product: CatalogProduct = {
    _id: p.sku,
    sku: p.sku,
    name: p.name,
    categoryId: p.categoryId,
    listPrice: p.listPrice,
    baseUnit: p.baseUnit,
    packUnits: p.packUnits,
    moq: p.moq,
    multiple: p.multiple,
    status: p.status,
    visibility: EVERYONE,
  };
  const checked = checkLine({ sku: p.sku, qty, unit }, 0, product, ANY_DEALER, 0);
  return 'code' in checked ? checked.message : null;
}

/** 最少 2 箱 (or 最少 12 件 when the minimum is not a whole number of the unit), as the server words it. */
export function minimumText(p: Pick<CatalogDetail, 'moq' | 'baseUnit'>, unit: string, factor: number): string {
  const moq = Math.max(1, p.moq);
  return moq % factor === 0 ? `最少 ${moq / factor} ${unit}` : `最少 ${moq} ${p.baseUnit}`;
}
