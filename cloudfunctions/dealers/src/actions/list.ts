import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { regionsOf } from '../scope';
import { dealerListItem } from '../views';

/** Dealers by id, page by page: a manager's regions, everything for an admin. */
export const list = defineAction(contracts.dealers.list, ['manager', 'admin', CONSOLE], async ({ cursor, limit }, { caller, db }) => {
  const scope = regionsOf(caller);
  if (scope !== 'all' && (scope ?? []).length === 0) return { items: [], nextCursor: null };
  const _ = db.command;
  const size = limit ?? 50;
  const where = { ...(scope === 'all' ? {} : { region: _['in']!(scope ?? []) }), ...(cursor ? { _id: _['gt']!(cursor) } : {}) };
  const docs = await db.find('dealers', where, { orderBy: [['_id', 'asc']], limit: size });
  return { items: docs.map(dealerListItem), nextCursor: docs.length === size ? docs[docs.length - 1]!._id : null };
});
