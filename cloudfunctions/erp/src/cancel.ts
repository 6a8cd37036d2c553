import type { ErpOrderDoc } from '@shared/erp';
import { KINGDEE_FORMS, QUERY_FIELDS, SALE_ORDER_CLOSE_OP } from '@shared/erp';
import type { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import type { KingdeeClient } from './kingdee-client';
import { KingdeeApiError } from './kingdee-client';

/** Cancelled orders looked at per run, newest first: one cancelled long after others is still among the latest. */
const BATCH = 200;

/**
 * An order cancelled here after its sales order reached Kingdee takes that sales order back, as
 * Kingdee's WebAPI allows (shared/erp/kingdee.ts cites the pages): an audited bill is un-audited
 * (UnAudit, C → D) and deleted (Delete); when Kingdee refuses either — a downstream bill exists, or
 * its own rules forbid it — the bill is closed whole instead (ExcuteOperation YLBillClose, 整单关闭).
 * Each step first reads the bill, so a retry after a lost answer goes on from where the bill
 * stands. The link then reads `cancelled`, and the reconciliation no longer expects the order there.
 */
export async function cancelOrders(db: Db, client: KingdeeClient, now: number): Promise<{ cancelled: number; failed: number }> {
  const orders = await db.find('orders', { status: 'cancelled' }, { orderBy: [['createdAt', 'desc']], limit: BATCH });
  const links = await db.getMany(
    'erp_orders',
    orders.map((o) => o._id),
  );
  let cancelled = 0;
  let failed = 0;
  for (const link of links.filter((l) => l.status === 'audited' && l.billNo)) {
    const { _id: orderId, ...doc } = link;
    try {
      const as = await takeBack(client, link.billNo!);
      await db.set('erp_orders', orderId, { ...doc, status: 'cancelled', cancelledAs: as, error: null, updatedAt: now } satisfies ErpOrderDoc);
      cancelled++;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.warn('erp cancel failed', { orderId, billNo: link.billNo, message });
      await db.set('erp_orders', orderId, { ...doc, error: `取消同步失败：${message}`, updatedAt: now } satisfies ErpOrderDoc);
      failed++;
    }
  }
  return { cancelled, failed };
}

async function takeBack(client: KingdeeClient, billNo: string): Promise<'deleted' | 'closed'> {
  const form = KINGDEE_FORMS.saleOrder;
  const found = await client.query({ FormId: form, FieldKeys: QUERY_FIELDS.saleOrder, FilterString: `FBillNo='${billNo.replace(/'/g, "''")}'` });
  const row = found[0];
  if (!row) return 'deleted';
  const status = String(row[QUERY_FIELDS.saleOrder.indexOf('FDocumentStatus')]);
  if (String(row[QUERY_FIELDS.saleOrder.indexOf('FCloseStatus')]) === 'B') return 'closed';
  try {
    if (status === 'C') await client.unAudit(form, [billNo]);
    await client.delete(form, [billNo]);
    return 'deleted';
  } catch (e) {
    // A refusal about the bill (not the network or the session) leaves closing it whole. Kingdee
    // refuses UnAudit of a bill with downstream bills, so a refused bill is still audited (C) here;
    // one un-audited whose Delete was refused fails to close, and the next run deletes it from D.
    if (!(e instanceof KingdeeApiError) || e.transient) throw e;
    await client.excuteOperation(form, SALE_ORDER_CLOSE_OP, [billNo]);
    return 'closed';
  }
}
