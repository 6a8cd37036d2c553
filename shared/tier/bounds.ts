import type { TwoTierSetting } from '../contracts/tier';

/**
 * The brand's bounds of a sub-dealer price, fen per base unit: floor rounds up and ceil rounds
 * down, so every price inside them is within the basis points the brand set.
 */
export function boundsOf(listPrice: number, setting: Pick<TwoTierSetting, 'floorBp' | 'ceilBp'>): { floor: number; ceil: number } {
  return { floor: Math.ceil((listPrice * setting.floorBp) / 10_000), ceil: Math.floor((listPrice * setting.ceilBp) / 10_000) };
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Null when the price is inside the bounds; else the message naming the allowed range. */
export function priceOutOfBounds(unitPrice: number, listPrice: number, setting: Pick<TwoTierSetting, 'floorBp' | 'ceilBp'>): string | null {
  const { floor, ceil } = boundsOf(listPrice, setting);
  if (unitPrice >= floor && unitPrice <= ceil) return null;
  return `供货价须在 ${yuan(floor)} 至 ${yuan(ceil)} 之间（品牌方设定为指导价的 ${setting.floorBp / 100}%–${setting.ceilBp / 100}%）`;
}
