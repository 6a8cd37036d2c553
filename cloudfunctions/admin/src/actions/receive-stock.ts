import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { receiveStock as receive } from '../../../_capabilities/stock-levels';

/** Goods received into a warehouse, recorded by the brand's admin (no ERP or WMS to report it). */
export const receiveStock = defineAction(contracts.admin.receiveStock, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const out = await receive(tx, { ...input, reason: input.reason ?? '入库', source: 'admin' }, now);
    if (!out.duplicate) {
      const target = { coll: 'stock_movements', id: out.movementId };
      await audit(tx, { action: 'admin.receiveStock', target, actorId: caller.actorId, at: now, before: null, after: { ...input, ...out.stock } });
    }
    return { movementId: out.movementId, duplicate: out.duplicate, ...out.stock };
  });
});
