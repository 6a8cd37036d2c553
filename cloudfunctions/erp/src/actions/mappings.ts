import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** The mappings, by kind and our id. */
export const mappings = defineAction(contracts.erp.mappings, ['admin', CONSOLE], async ({ kind }, { db }) => {
  const all = await db.findAll('erp_mappings', {});
  const items = all.filter((m) => !kind || m.kind === kind).map(({ _id, ...m }) => ({ ...m, id: _id }));
  return { items: items.sort((a, b) => a.id.localeCompare(b.id)) };
});
