import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { changeDealer } from '../master';

/**
 * The brand admin enables (or disables) 二级分销 on a first-tier dealer, with the bounds of its
 * sub-dealer prices (basis points of list price): from then on its children order through it
 * (docs/two-tier.md). Audited as dealers.two_tier_set. A second-tier dealer cannot sell on.
 */
export const setTwoTier = defineAction(contracts.dealers.setTwoTier, ['admin', CONSOLE], async (input, { caller, db, now }) => {
  const { dealerId, enabled, floorBp, ceilBp } = input;
  const p = { dealerId, caller, now, reason: enabled ? `开通二级分销 ${floorBp}–${ceilBp}bp` : '关闭二级分销', action: 'dealers.two_tier_set' };
  const [dealer, children] = await Promise.all([
    db.transaction((tx) =>
      changeDealer(tx, p, (d) => {
        if (d.parentDealerId) refuse('CONFLICT', '该经销商本身是二级经销商，不能开通二级分销');
        return { twoTier: { enabled, floorBp, ceilBp, updatedAt: now } };
      }),
    ),
    db.count('dealers', { parentDealerId: dealerId }),
  ]);
  if (dealer instanceof Refusal) return dealer;
  return { dealerId, dealerName: dealer.name, enabled, floorBp, ceilBp, children };
});
