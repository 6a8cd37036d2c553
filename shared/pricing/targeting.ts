import type { DealerRef } from './types';

export interface DealerTarget {
  levels: readonly string[];
  regions: readonly string[];
  dealerIds: readonly string[];
}

/**
 * Whether a targeting (of a rule, or a product's visibility) includes the dealer. All lists empty:
 * everyone. A dealer named in dealerIds always matches; otherwise each non-empty list among
 * levels and regions must contain the dealer's (so levels [A] + regions [east] = 华东 A 级).
 * Only dealerIds non-empty: only those dealers.
 */
export function matchesDealer(target: DealerTarget, dealer: DealerRef): boolean {
  if (target.dealerIds.includes(dealer.id)) return true;
  if (target.levels.length === 0 && target.regions.length === 0) return target.dealerIds.length === 0;
  return (
    (target.levels.length === 0 || target.levels.includes(dealer.level)) &&
    (target.regions.length === 0 || target.regions.includes(dealer.region))
  );
}

/** Whether the dealer may see and order a product (its `visibility`, same reading as rule targeting). */
export function isVisibleTo(product: { visibility: DealerTarget }, dealer: DealerRef): boolean {
  return matchesDealer(product.visibility, dealer);
}
