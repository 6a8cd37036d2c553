import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { setStockLevel as setLevel } from '../../../_capabilities/stock-levels';

/** A counted level (stocktake, WMS export) set by the brand's admin: the same versioned capability the ERP connector uses. */
export const setStockLevel = defineAction(contracts.admin.setStockLevel, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const out = await setLevel(tx, { ...input, source: 'admin' }, now);
    if (out.applied) {
      const target = { coll: 'stock_movements', id: out.movementId };
      await audit(tx, { action: 'admin.setStockLevel', target, actorId: caller.actorId, at: now, before: null, after: { ...input, ...out.stock } });
    }
    return { movementId: out.movementId, duplicate: out.duplicate, applied: out.applied, shortBy: out.shortBy, ...out.stock };
  });
});
