import { contracts } from '@shared/contracts';
import type { WarehouseDoc } from '@shared/models';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { ORDERS_CONFIG_VERSION_DOC, bumpVersion } from '../../../_kit/versions';

export const upsertWarehouse = defineAction(contracts.admin.upsertWarehouse, ['admin', CONSOLE], async ({ warehouse }, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const before = await tx.get('warehouses', warehouse.id);
    const { id, ...fields } = warehouse;
    await tx.set('warehouses', id, fields satisfies WarehouseDoc);
    const version = await bumpVersion(tx, ORDERS_CONFIG_VERSION_DOC, now);
    const { _id: _ignored, ...was } = before ?? { _id: id };
    await audit(tx, {
      action: 'admin.upsertWarehouse',
      target: { coll: 'warehouses', id },
      actorId: caller.actorId,
      at: now,
      before: before ? was : null,
      after: fields,
    });
    return { id, created: before === null, version };
  });
});
