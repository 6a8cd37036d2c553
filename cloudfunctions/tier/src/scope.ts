import type { TwoTierSetting } from '@shared/contracts/tier';
import { Refusal } from '@shared/envelope';
import type { DealerDoc, ProductDoc } from '@shared/models';
import { callerDealer } from '../../_kit/caller';
import type { Db, Stored } from '../../_kit/db';
import type { AuthedCaller, HandlerContext } from '../../_kit/router';

export type Dealer = Stored<DealerDoc>;

/** The setting of an enabled first-tier, or null. */
export function settingOf(d: Pick<DealerDoc, 'twoTier'> | null): TwoTierSetting | null {
  const t = d?.twoTier;
  return t?.enabled ? { enabled: true, floorBp: t.floorBp, ceilBp: t.ceilBp } : null;
}

/**
 * The caller's dealer as a first-tier: 二级分销 enabled by the brand (or, with `closing`, enabled
 * once: its children's open orders stay its to list, ship and collect after the brand turns it
 * off), and the caller its owner or buyer (`owner`: the owner alone, for stock corrections).
 */
export async function asFirstTier(
  ctx: HandlerContext<AuthedCaller>,
  who: 'owner' | 'staff' = 'staff',
  closing = false,
): Promise<{ dealer: Dealer; setting: TwoTierSetting } | Refusal> {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const t = dealer.twoTier;
  const setting = settingOf(dealer) ?? (closing && t ? { enabled: false, floorBp: t.floorBp, ceilBp: t.ceilBp } : null);
  if (!setting) return new Refusal('FORBIDDEN', '品牌方尚未为本经销商开通二级分销');
  const staff = ctx.caller.user.staffRole ?? 'owner';
  if (staff === 'clerk' || (who === 'owner' && staff !== 'owner'))
    return new Refusal('FORBIDDEN', who === 'owner' ? '只有经销商负责人可以调整库存' : '只有经销商负责人或采购可以操作');
  return { dealer, setting };
}

/** The caller's dealer and its role in two-tier terms (tier.status, tier.prices). */
export async function tierRoleOf(ctx: HandlerContext<AuthedCaller>): Promise<{ dealer: Dealer; supplier: Dealer | null } | Refusal> {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  if (!dealer.parentDealerId) return { dealer, supplier: null };
  const parent = await ctx.db.getById('dealers', dealer.parentDealerId);
  return { dealer, supplier: parent && settingOf(parent) && parent.status === 'active' ? parent : null };
}

/** Products by SKU (the unique sku index). */
export async function productsBySku(db: Db, skus: readonly string[]): Promise<Map<string, Stored<ProductDoc>>> {
  if (skus.length === 0) return new Map();
  const found = await db.find('products', { sku: db.command['in']!([...skus]) }, { limit: 1000 });
  return new Map(found.map((p) => [p.sku, p]));
}
