import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { CONSOLE } from '@shared/roles';
import { Refusal } from '@shared/envelope';
import { runCommand } from '../run-command';

/**
 * The warehouse received the goods (admin, console): per line what goes back on hand and what is
 * scrapped. The request is credited in the same transaction (run-command.ts).
 */
export const receive = defineAction(contracts.aftersales.receive, ['admin', CONSOLE], async ({ requestId, warehouseId, lines }, { db, caller, now }) => {
  if (!(await db.getById('warehouses', warehouseId))) return new Refusal('NOT_FOUND', `没有 id 为 ${warehouseId} 的仓库`);
  return runCommand(db, caller, requestId, { type: 'receive', warehouseId, lines }, now);
});
