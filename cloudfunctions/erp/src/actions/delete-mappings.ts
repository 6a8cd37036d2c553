import { contracts } from '@shared/contracts';
import { mappingId } from '@shared/erp';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { neverRefused } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

/**
 * Delete mappings: each removed in a transaction with its audit entry (the mapping before, the
 * reason); one already gone writes nothing. What it mapped waits as unmapped again: an order using
 * the SKU or dealer fails its push with 未映射 until a new mapping is saved.
 */
export const deleteMappings = defineAction(contracts.erp.deleteMappings, ['admin', CONSOLE], async ({ items, reason }, { db, caller, now }) => {
  let deleted = 0;
  for (const id of new Set(items.map((i) => mappingId(i.kind, i.ourId)))) {
    const removed = neverRefused(
      await db.transaction(async (tx) => {
        const before = await tx.get('erp_mappings', id);
        if (!before) return false;
        await tx.remove('erp_mappings', id);
        await audit(tx, { action: 'erp.deleteMappings', target: { coll: 'erp_mappings', id }, actorId: caller.actorId, at: now, before, after: null, reason });
        return true;
      }),
    );
    if (removed) deleted++;
  }
  return { deleted };
});
