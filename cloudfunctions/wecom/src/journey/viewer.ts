import type { CustomerRecord, CustomerRelation } from '@shared/wecom/customer';
import { VISIBLE_TO_CLERK } from '@shared/wecom/customer';
import type { Db, Where } from '../../../_kit/db';
import type { Caller } from '../../../_kit/router';

/**
 * Whose customers a caller sees, decided from the database: a clerk the customers of her own
 * WeCom account(s) (the staff directory maps them), a dealer owner every customer her store's
 * clerks serve, the brand (admin, console) every customer. Customers are the brand's: a clerk's
 * view is her relations to them, so when a departure moves a relation, the view moves with it.
 */
export interface Viewer {
  /** The query that finds the caller's customers (an index on relations.userId / relations.dealerId), or {} for the brand. */
  where: Where;
  /** Whether a relation is the caller's to see. */
  mine: (r: CustomerRelation) => boolean;
  /** The caller's store; null for the brand, who sees every store's events in full. */
  dealerId: string | null;
}

export async function viewerOf(db: Db, caller: Caller): Promise<Viewer | null> {
  const u = caller.user;
  if (caller.console || u?.role === 'admin') return { where: {}, mine: () => true, dealerId: null };
  if (u?.role === 'clerk') {
    const staff = await db.find('wecom_staff', { clerkId: u._id }, { limit: 10 });
    const ids = staff.map((s) => s._id);
    if (ids.length === 0) return null;
    return {
      where: { 'relations.userId': db.command['in']!(ids) },
      mine: (r) => ids.includes(r.userId) && VISIBLE_TO_CLERK.includes(r.status),
      dealerId: u.dealerId,
    };
  }
  if (u?.role === 'dealer' && u.dealerId) {
    const dealerId = u.dealerId;
    return { where: { 'relations.dealerId': dealerId }, mine: (r) => r.dealerId === dealerId && VISIBLE_TO_CLERK.includes(r.status), dealerId };
  }
  return null;
}

/** The caller's relation to a customer: the newest of theirs (the brand: the newest of all), or undefined when none is. */
export function relationFor(c: CustomerRecord, v: Viewer): CustomerRelation | undefined {
  return c.relations.filter(v.mine).sort((a, b) => b.addedAt - a.addedAt)[0];
}
