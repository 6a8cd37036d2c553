import type { DealerDoc } from '@shared/models';
import type { Tx } from '../_kit/db';
import { emit } from './outbox';

/**
 * A dealer's master data as outbox events (issue 15): dealer.created when admitted,
 * dealer.suspended when its ordering is frozen, dealer.changed for every other change (level,
 * credit limit, payment terms, parent, a resume). Written in the transaction of the change.
 *
 * A dealer keeps no change counter, so the change's key is the action and the invocation's clock:
 * a retried transaction (same invocation, same `now`) writes the same event; a later request that
 * changes the dealer again is a new change and a new event.
 */

/** What partners get: the business identity and terms; never the contact person, phone or shop address. */
function dataOf(dealerId: string, d: DealerDoc): Record<string, unknown> {
  return {
    dealerId,
    name: d.name,
    code: d.code,
    level: d.level,
    region: d.region,
    city: d.city,
    parentDealerId: d.parentDealerId,
    creditLimit: d.creditLimit,
    paymentTermDays: d.paymentTermDays ?? null,
    status: d.status,
  };
}

export async function emitDealerEvent(
  tx: Tx,
  p: { dealerId: string; dealer: DealerDoc; created?: boolean; changed?: readonly string[]; action: string },
  now: number,
): Promise<void> {
  const type = p.created ? 'dealer.created' : p.dealer.status === 'suspended' && p.changed?.includes('status') ? 'dealer.suspended' : 'dealer.changed';
  const data = { ...dataOf(p.dealerId, p.dealer), ...(p.changed ? { changed: [...p.changed] } : {}) };
  await emit(tx, { type, subject: p.dealerId, key: `${p.action}:${now}`, data, at: now }, now);
}
