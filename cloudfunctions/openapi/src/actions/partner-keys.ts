import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { keyView } from '../keys';

/** How many keys the list reads: a brand has a handful of partner systems, each a key or two. */
const MAX_KEYS = 200;

/** Every partner key as admins see them (keyView: never the secret, sealed or not), newest first. */
export const partnerKeys = defineAction(contracts.openapi.partnerKeys, ['admin', CONSOLE], async (_input, { db }) => {
  const keys = await db.find('partner_keys', {}, { limit: MAX_KEYS });
  return { items: keys.map((k) => keyView(k._id, k)).sort((a, b) => b.createdAt - a.createdAt) };
});
