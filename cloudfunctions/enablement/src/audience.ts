import type { EnablementResourceDoc } from '@shared/enablement';
import { maySee, readId } from '@shared/enablement';
import type { UserDoc } from '@shared/models';
import type { Db, Stored } from '../../_kit/db';

/**
 * Everyone who may see a resource and has not read its current version, among the dealers (and
 * managers) a caller looks after (`regions`: null = every region). Reads are by index: active
 * users per role, their dealers by id, and this version's readings.
 */
export async function unreadBy(
  db: Db,
  id: string,
  r: EnablementResourceDoc,
  regions: readonly string[] | null,
): Promise<{ unread: Array<Stored<UserDoc>>; read: number; dealerNames: Map<string, string> }> {
  const users = (await Promise.all(r.roles.map((role) => db.findAll('users', { role, status: 'active' })))).flat();
  const dealers = new Map(
    (
      await db.getMany(
        'dealers',
        users.flatMap((u) => (u.dealerId ? [u.dealerId] : [])),
      )
    ).map((d) => [d._id, d]),
  );
  const readers = users.filter((u) => {
    const d = u.dealerId ? dealers.get(u.dealerId) : undefined;
    if (regions && !(d ? regions.includes(d.region) : (u.regions ?? []).some((g) => regions.includes(g)))) return false;
    return maySee(r, { role: u.role, dealer: d ? { id: d._id, level: d.level, region: d.region } : null, regions: u.regions ?? [] });
  });
  const done = new Set(
    (
      await db.getMany(
        'enablement_reads',
        readers.map((u) => readId(id, r.version, u._id)),
      )
    ).map((x) => x.userId),
  );
  return { unread: readers.filter((u) => !done.has(u._id)), read: done.size, dealerNames: new Map([...dealers].map(([k, d]) => [k, d.name])) };
}
