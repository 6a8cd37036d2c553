import type { DealerDoc, ProductDoc, UserDoc } from '../../shared/models';
import type { DealerStockDoc, TierPriceDoc } from '../../shared/tier';
import { boundsOf, dealerStockId, tierPriceId } from '../../shared/tier';

type WithId<T> = T & { _id: string };

/** Who to sign in as to see 二级分销 in the demo (docs/two-tier.md): the enabled first-tier's owner and one child's owner. */
export interface TwoTierDemo {
  firstTierId: string;
  firstTierOwner: string;
  childId: string;
  childOwner: string;
}

/** The bounds the demo's first-tier sells within: list price to list + 30 %. */
const SETTING = { floorBp: 10_000, ceilBp: 13_000 };
/** Regions of the demo channel manager: the enabled first-tier is elsewhere, so the manager's own demos stay as they were. */
const AVOID_REGIONS = ['east', 'south'];

/**
 * 二级分销 in the demo: ONE level-A dealer with active children, outside the demo manager's
 * regions, enabled by the brand (10000–13000 bp), with a small sub-dealer price list (list + 10 %)
 * and opening stock of six SKUs everyone may order. Deterministic (no random draws), so adding it
 * changes nothing else the seed generates. Mutates that dealer's document (twoTier).
 */
export function buildTwoTier(
  dealers: Array<WithId<DealerDoc>>,
  users: ReadonlyArray<WithId<UserDoc>>,
  products: ReadonlyArray<WithId<ProductDoc>>,
  referenceDate: number,
): { tier_prices: Array<WithId<TierPriceDoc>>; dealer_stock: Array<WithId<DealerStockDoc>>; demo: TwoTierDemo | null } {
  const ownerOf = (id: string) => users.find((u) => u.role === 'dealer' && u.dealerId === id)?.openid;
  const activeChildren = (id: string) => dealers.filter((d) => d.parentDealerId === id && d.status === 'active' && ownerOf(d._id));
  const first = dealers.find((d) => d.level === 'A' && d.status === 'active' && !AVOID_REGIONS.includes(d.region) && activeChildren(d._id).length > 0);
  if (!first) return { tier_prices: [], dealer_stock: [], demo: null };
  first.twoTier = { enabled: true, ...SETTING, updatedAt: referenceDate };
  const skus = products.filter((p) => p.status === 'on_sale' && Object.values(p.visibility).every((v) => v.length === 0)).slice(0, 6);
  const tier_prices = skus.map((p) => ({
    _id: tierPriceId(first._id, p.sku),
    dealerId: first._id,
    sku: p.sku,
    unitPrice: Math.min(boundsOf(p.listPrice, SETTING).ceil, Math.round(p.listPrice * 1.1)),
    updatedAt: referenceDate,
    updatedBy: ownerOf(first._id)!,
  }));
  const dealer_stock = skus.map((p) => ({
    _id: dealerStockId(first._id, p.sku),
    dealerId: first._id,
    sku: p.sku,
    onHand: p.moq * 10,
    reserved: 0,
    updatedAt: referenceDate,
  }));
  const child = activeChildren(first._id)[0]!;
  return {
    tier_prices,
    dealer_stock,
    demo: { firstTierId: first._id, firstTierOwner: ownerOf(first._id)!, childId: child._id, childOwner: ownerOf(child._id)! },
  };
}
