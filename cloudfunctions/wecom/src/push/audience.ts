import type { PushContent } from '@shared/contracts';
import type { CustomerRecord } from '@shared/wecom/customer';
import type { Db, Stored } from '../../../_kit/db';

/** A clerk (WeCom member) in a task's audience, with the customers she serves there. */
export interface AudienceClerk {
  userId: string;
  clerkId: string;
  clerkName: string;
  dealerId: string;
  dealerName: string;
  region: string;
  /** servedBy: the clerk WeCom delivers through when several in the audience serve the customer. */
  customers: Array<{ externalUserId: string; name: string; servedBy: string }>;
}

const tagKey = (t: { group: string; name: string }) => `${t.group}/${t.name}`;

/**
 * Who a task reaches: the active clerks of the active dealers in its regions and levels, and each
 * clerk's active customers carrying one of its tags (any, when none are named). A customer two of
 * these clerks serve goes to the one who added them last (WeCom itself delivers a mass message
 * only through the member who last talked with the customer); the other sees them skipped.
 */
export async function loadAudience(db: Db, audience: PushContent['audience']): Promise<AudienceClerk[]> {
  const _ = db.command;
  const where: Record<string, unknown> = { status: 'active' };
  if (audience.regions.length) where['region'] = _['in']!(audience.regions);
  if (audience.levels.length) where['level'] = _['in']!(audience.levels);
  const dealers = await db.find('dealers', where, { limit: 1000 });
  if (dealers.length === 0) return [];
  const dealerOf = new Map(dealers.map((d) => [d._id, d]));
  const staff = await db.find('wecom_staff', { dealerId: _['in']!(dealers.map((d) => d._id)), status: 'active' }, { limit: 1000 });
  const clerks = new Map<string, AudienceClerk>(
    staff.map((s) => [
      s._id,
      {
        userId: s._id,
        clerkId: s.clerkId,
        clerkName: s.name,
        dealerId: s.dealerId!,
        dealerName: dealerOf.get(s.dealerId!)?.name ?? '',
        region: dealerOf.get(s.dealerId!)?.region ?? '',
        customers: [],
      },
    ]),
  );
  if (clerks.size === 0) return [];
  const docs: Array<Stored<CustomerRecord>> = [];
  for (let i = 0; i < staff.length; i += 100) {
    docs.push(...(await db.findAll('wecom_customers', { 'relations.userId': _['in']!(staff.slice(i, i + 100).map((s) => s._id)) })));
  }
  const seen = new Set<string>();
  for (const c of docs) {
    if (seen.has(c._id)) continue;
    seen.add(c._id);
    const rels = c.relations
      .filter((r) => r.status === 'active' && clerks.has(r.userId))
      .filter((r) => audience.tags.length === 0 || r.tags.some((t) => audience.tags.includes(tagKey(t))))
      .sort((a, b) => b.addedAt - a.addedAt);
    for (const r of rels) clerks.get(r.userId)!.customers.push({ externalUserId: c._id, name: c.name ?? '客户', servedBy: rels[0]!.userId });
  }
  return [...clerks.values()].sort((a, b) => a.dealerName.localeCompare(b.dealerName, 'zh') || a.clerkName.localeCompare(b.clerkName, 'zh'));
}
