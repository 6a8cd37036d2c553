import { contracts } from '@shared/contracts';
import type { TierStatus } from '@shared/contracts/tier';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { settingOf, tierRoleOf } from '../scope';

/** Whether the caller's dealer sells on to its children (first_tier), orders through its parent (sub_dealer), or neither. */
export const status = defineAction(contracts.tier.status, ['dealer', 'clerk'], async (_input, ctx): Promise<TierStatus | Refusal> => {
  const r = await tierRoleOf(ctx);
  if (r instanceof Refusal) return r;
  const own = settingOf(r.dealer);
  if (own) return { role: 'first_tier', supplier: null, setting: own, children: await ctx.db.count('dealers', { parentDealerId: r.dealer._id }) };
  if (r.supplier) return { role: 'sub_dealer', supplier: { dealerId: r.supplier._id, name: r.supplier.name }, setting: settingOf(r.supplier), children: 0 };
  return { role: 'none', supplier: null, setting: null, children: 0 };
});
