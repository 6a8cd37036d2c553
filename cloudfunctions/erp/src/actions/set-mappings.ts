import { contracts } from '@shared/contracts';
import type { ErpMappingDoc } from '@shared/erp';
import { mappingId } from '@shared/erp';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { neverRefused } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { checkMappings } from '../mapping-edits';

/** Create or change mappings: checked as a batch first, then each saved with its audit entry (an unchanged one writes nothing). */
export const setMappings = defineAction(contracts.erp.setMappings, ['admin', CONSOLE], async ({ items }, { db, caller, now }) => {
  const refused = await checkMappings(db, items);
  if (refused) return refused;
  let saved = 0;
  for (const item of items) {
    const id = mappingId(item.kind, item.ourId);
    const changed = neverRefused(
      await db.transaction(async (tx) => {
        const before = await tx.get('erp_mappings', id);
        if (before && before.erpNumber === item.erpNumber && (before.stockOrg ?? null) === (item.stockOrg ?? null)) return false;
        const doc: ErpMappingDoc = {
          kind: item.kind,
          ourId: item.ourId,
          erpNumber: item.erpNumber,
          ...(item.stockOrg ? { stockOrg: item.stockOrg } : {}),
          updatedAt: now,
          by: caller.actorId,
        };
        await tx.set('erp_mappings', id, doc);
        await audit(tx, { action: 'erp.setMappings', target: { coll: 'erp_mappings', id }, actorId: caller.actorId, at: now, before, after: doc });
        return true;
      }),
    );
    if (changed) saved++;
  }
  return { saved };
});
