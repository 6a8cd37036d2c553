import type { ErpSyncView } from '@shared/contracts/erp';
import type { Feed } from '@shared/erp';
import { FEEDS } from '@shared/erp';
import type { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { cancelOrders } from './cancel';
import { connect } from './connect';
import { pullDeliveries } from './deliveries';
import { pullInventory } from './inventory';
import { loadMappings } from './mappings';
import { pushOrders } from './push';
import { pullReceipts } from './receipts';

const empty = (error: string | null): ErpSyncView => ({
  error,
  orders: { pushed: 0, failed: 0, cancelled: 0 },
  deliveries: { applied: 0, failed: 0 },
  receipts: { applied: 0, failed: 0 },
  inventory: { applied: 0, ignored: 0, unmapped: 0 },
});

/**
 * One sync with Kingdee: log in once, push approved orders, take back the sales orders of orders
 * cancelled here since, then pull deliveries (before receipts,
 * so a shipment's receivable exists when its payment arrives) and inventory (after deliveries, so
 * the level Kingdee reports already counts what those deliveries took). A feed that fails keeps
 * its error in its cursor and the others still run. Runs as the timer and as erp.syncNow.
 */
export async function syncAll(db: Db, now: number, feeds: readonly Feed[] = FEEDS): Promise<ErpSyncView> {
  const c = connect();
  if (!c.ok) return empty(c.error);
  const out = empty(null);
  try {
    await c.client.login();
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
    return out;
  }
  const maps = await loadMappings(db);
  const run = async <K extends Feed>(feed: K, work: () => Promise<void>) => {
    if (!feeds.includes(feed)) return;
    try {
      await work();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.warn('erp feed failed', { feed, message });
      out.error = out.error ? `${out.error}；${message}` : message;
      const cursor = await db.getById('erp_cursors', feed);
      await db.set('erp_cursors', feed, { since: cursor?.since ?? 0, updatedAt: now, lastRunAt: now, lastError: message });
    }
  };
  await run('orders', async () => void (out.orders = { ...(await pushOrders(db, c.client, maps, now)), cancelled: 0 }));
  await run('orders', async () => {
    const r = await cancelOrders(db, c.client, now);
    out.orders.cancelled = r.cancelled;
    out.orders.failed += r.failed;
  });
  await run('deliveries', async () => void (out.deliveries = await pullDeliveries(db, c.client, maps, now)));
  await run('receipts', async () => void (out.receipts = await pullReceipts(db, c.client, maps, now)));
  await run('inventory', async () => void (out.inventory = await pullInventory(db, c.client, maps, now)));
  log.info('erp sync', { ...out.orders, delivered: out.deliveries.applied, paid: out.receipts.applied, levels: out.inventory.applied, error: out.error });
  return out;
}
