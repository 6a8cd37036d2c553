import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { adjustStock as adjust } from '../../../_capabilities/stock-levels';

/** A counted correction of a warehouse's stock, with its reason, by the brand's admin. */
export const adjustStock = defineAction(contracts.admin.adjustStock, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const out = await adjust(tx, { ...input, source: 'admin' }, now);
    if (!out.duplicate) {
      const target = { coll: 'stock_movements', id: out.movementId };
      const before = { onHand: out.stock.onHand - input.delta, reserved: out.stock.reserved };
      await audit(tx, { action: 'admin.adjustStock', target, actorId: caller.actorId, at: now, before, after: out.stock, reason: input.reason });
    }
    return { movementId: out.movementId, duplicate: out.duplicate, ...out.stock };
  });
});
