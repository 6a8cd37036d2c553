import type { ErpOrderDoc } from '@shared/erp';
import { KINGDEE_FORMS, MAPPING_LABELS, QUERY_FIELDS, saleOrderModel } from '@shared/erp';
import type { OrderDoc } from '@shared/models';
import type { Db, Stored } from '../../_kit/db';
import { log } from '../../_kit/log';
import type { KingdeeClient } from './kingdee-client';
import type { Mappings } from './mappings';

/** Approved orders read per run (oldest first); the next run goes on with the rest. */
const BATCH = 200;

/** What an unmapped id is, by name (the screens show no internal ids; `unmapped` keeps them for the console). */
function describe(id: string, order: Stored<OrderDoc>, warehouses: ReadonlyMap<string, string>): string {
  const [kind, ourId] = id.split(':') as [keyof typeof MAPPING_LABELS, string];
  const name = kind === 'sku' ? order.lines.find((l) => l.sku === ourId)?.name : kind === 'dealer' ? order.dealerName : warehouses.get(ourId);
  return `${MAPPING_LABELS[kind] ?? kind}「${name ?? ourId}」`;
}

/**
 * Push every approved order not yet in Kingdee as a sales order: Save → Submit → Audit, its bill
 * number our order number. Before saving it asks Kingdee for that bill number, so a retry after a
 * save whose answer was lost (or a save that got as far as 创建 / 审核中) goes on from where the bill
 * stands and never makes a second one; Kingdee itself refuses a duplicate bill number besides.
 * Each order's outcome is stored (erp_orders): audited with Kingdee's id, or failed with why.
 */
export async function pushOrders(db: Db, client: KingdeeClient, maps: Mappings, now: number): Promise<{ pushed: number; failed: number }> {
  const approved = await db.find('orders', { status: 'approved' }, { orderBy: [['createdAt', 'asc']], limit: BATCH });
  const warehouses = new Map((await db.find('warehouses', {}, { limit: 100 })).map((w) => [w._id, w.name]));
  const links = new Map(
    (
      await db.getMany(
        'erp_orders',
        approved.map((o) => o._id),
      )
    ).map((l) => [l._id, l]),
  );
  let pushed = 0;
  let failed = 0;
  for (const order of approved) {
    const link = links.get(order._id);
    if (link?.status === 'audited') continue;
    const outcome = await pushOne(client, maps, order, warehouses);
    const doc: ErpOrderDoc = {
      orderNo: order.orderNo,
      dealerId: order.dealerId,
      status: outcome.ok ? 'audited' : 'failed',
      billNo: outcome.ok ? order.orderNo : null,
      erpId: outcome.ok ? outcome.erpId : null,
      error: outcome.ok ? null : outcome.error,
      unmapped: outcome.ok ? [] : outcome.unmapped,
      attempts: (link?.attempts ?? 0) + 1,
      firstAttemptAt: link?.firstAttemptAt ?? now,
      updatedAt: now,
    };
    await db.set('erp_orders', order._id, doc);
    if (outcome.ok) pushed++;
    else failed++;
  }
  return { pushed, failed };
}

type Outcome = { ok: true; erpId: string } | { ok: false; error: string; unmapped: string[] };

async function pushOne(client: KingdeeClient, maps: Mappings, order: Stored<OrderDoc>, warehouses: ReadonlyMap<string, string>): Promise<Outcome> {
  const decided = saleOrderModel(order, maps.table);
  if (!decided.ok)
    return {
      ok: false,
      unmapped: decided.unmapped,
      error: `未映射：${decided.unmapped.map((id) => describe(id, order, warehouses)).join('、')}（请先在映射中填写金蝶编码）`,
    };
  const form = KINGDEE_FORMS.saleOrder;
  try {
    const found = await client.query({ FormId: form, FieldKeys: QUERY_FIELDS.saleOrder, FilterString: `FBillNo='${order.orderNo.replace(/'/g, "''")}'` });
    let erpId = found[0] ? String(found[0][0]) : '';
    let status = found[0] ? String(found[0][2]) : '';
    if (!found[0]) {
      const saved = await client.save(form, { Model: decided.model, NeedReturnFields: ['FBillNo'], IsDeleteEntry: true, ValidateFlag: true });
      erpId = String(saved.Result.Id ?? saved.Result.ResponseStatus.SuccessEntitys[0]?.Id ?? '');
      status = 'A';
    }
    if (status === 'A' || status === 'D') {
      await client.submit(form, [order.orderNo]);
      status = 'B';
    }
    if (status === 'B') await client.audit(form, [order.orderNo]);
    return { ok: true, erpId };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.warn('erp push failed', { orderId: order._id, orderNo: order.orderNo, message });
    return { ok: false, error: message, unmapped: [] };
  }
}
