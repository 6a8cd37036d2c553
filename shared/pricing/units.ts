import type { CatalogProduct } from './types';

/** The base units per one `unit` of the product (1 for its base unit), or null when it has no such unit. */
export function unitFactor(product: Pick<CatalogProduct, 'baseUnit' | 'packUnits'>, unit: string | undefined): number | null {
  if (unit === undefined || unit === product.baseUnit) return 1;
  const pack = product.packUnits.find((p) => p.name === unit);
  return pack && Number.isSafeInteger(pack.factor) && pack.factor >= 1 ? pack.factor : null;
}

/** buyer's quantity × the unit's factor: quantities inside the engine are always base units. */
export function toBaseQty(product: Pick<CatalogProduct, 'baseUnit' | 'packUnits'>, qty: number, unit: string | undefined): number | null {
  const factor = unitFactor(product, unit);
  return factor === null ? null : qty * factor;
}

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
