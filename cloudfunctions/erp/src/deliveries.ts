import type { ErpAppliedDoc } from '@shared/erp';
import { KINGDEE_FORMS, parseKingdeeTime, QUERY_FIELDS } from '@shared/erp';
import type { Actor, ShipmentLine } from '@shared/orders';
import type { Db } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { commandInTx } from '../../_capabilities/order-commands';
import type { KingdeeClient } from './kingdee-client';
import type { Mappings } from './mappings';
import { auditedSince, pullFeed } from './pull-feed';

/** The connector acts for the brand: a shipment Kingdee reports is the brand's warehouse shipping. */
export const ERP_ACTOR: Actor = { role: 'admin', id: 'erp' };

interface Delivery {
  billNo: string;
  modified: number;
  carrier: string;
  trackingNo: string;
  orderNo: string;
  /** Per our warehouse: SKU → units. */
  byWarehouse: Map<string, Map<string, number>>;
  unmapped: string[];
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Rows of ExecuteBillQuery (one per entry) as deliveries, in modify-time order. */
function deliveries(rows: ReadonlyArray<Record<string, unknown>>, maps: Mappings): Delivery[] {
  const byBill = new Map<string, Delivery>();
  for (const r of rows) {
    const billNo = text(r['FBillNo']);
    const d: Delivery = byBill.get(billNo) ?? {
      billNo,
      modified: parseKingdeeTime(text(r['FModifyDate'])),
      // A bill without a carrier or waybill (自提, or not filled in) still ships: the bill number stands in, so the dealer can ask for it.
      carrier: text(r['FCarrierID.FName']) || '金蝶出库',
      trackingNo: text(r['FCarriageNO']) || billNo,
      orderNo: text(r['FSoorDerno']),
      byWarehouse: new Map(),
      unmapped: [],
    };
    byBill.set(billNo, d);
    const sku = maps.ours('sku', text(r['FMaterialID.FNumber']));
    const wh = maps.ours('warehouse', text(r['FStockID.FNumber']));
    if (!sku) d.unmapped.push(`物料 ${text(r['FMaterialID.FNumber'])}`);
    if (!wh) d.unmapped.push(`仓库 ${text(r['FStockID.FNumber'])}`);
    if (!sku || !wh) continue;
    const lines = d.byWarehouse.get(wh) ?? new Map<string, number>();
    lines.set(sku, (lines.get(sku) ?? 0) + Number(r['FRealQty'] ?? 0));
    d.byWarehouse.set(wh, lines);
  }
  return [...byBill.values()];
}

/**
 * Pull audited outbound deliveries (SAL_OUTSTOCK) modified since the feed's cursor and ship each
 * through the order state machine (partial shipments included), one transaction per bill that also
 * writes `erp_applied/SAL_OUTSTOCK:<bill>`: a delivery read twice — the cursor re-reads its last
 * second, a timer and syncNow may overlap — is applied once. A bill that cannot be applied (an
 * order we never pushed, an unmapped material, more than is left to ship) is stored as failed with
 * why, and the cursor stays at it so the next run retries it.
 */
export async function pullDeliveries(db: Db, client: KingdeeClient, maps: Mappings, now: number): Promise<{ applied: number; failed: number }> {
  const { applied, failed } = await pullFeed<Delivery, 'applied' | 'seen'>(db, client, now, {
    feed: 'deliveries',
    query: auditedSince(KINGDEE_FORMS.outStock, QUERY_FIELDS.outStock),
    items: (rows) => deliveries(rows, maps),
    modified: (d) => d.modified,
    apply: async (d) => {
      const result = await applyDelivery(db, d, now);
      return typeof result === 'string' ? result : { failed: result.message, form: KINGDEE_FORMS.outStock, billNo: d.billNo };
    },
    counts: ['applied', 'seen'],
  });
  return { applied, failed };
}

async function applyDelivery(db: Db, d: Delivery, now: number): Promise<'applied' | 'seen' | { message: string }> {
  if (d.unmapped.length > 0) return { message: `未映射：${[...new Set(d.unmapped)].join('、')}` };
  const link = await db.findOne('erp_orders', { billNo: d.orderNo });
  if (!link) return { message: `出库单的销售订单 ${d.orderNo || '（空）'} 不是本系统推送的订单` };
  const id = `${KINGDEE_FORMS.outStock}:${d.billNo}`;
  const result = await db.transaction(async (tx) => {
    const seen = await tx.get('erp_applied', id);
    if (seen?.status === 'applied') return 'seen' as const;
    let order = await tx.get('orders', link._id);
    if (!order) refuse('NOT_FOUND', `订单 ${d.orderNo} 不存在`);
    let no = 0;
    for (const [warehouseId, skus] of d.byWarehouse) {
      const lines: ShipmentLine[] = [...skus].map(([sku, qty]) => ({ sku, qty }));
      // One shipment per warehouse of the bill; a second one's waybill must differ, so it carries the warehouse.
      const trackingNo = no++ === 0 ? d.trackingNo : `${d.trackingNo}-${warehouseId}`;
      const { doc } = await commandInTx(tx, link._id, order, { type: 'ship', carrier: d.carrier, trackingNo, warehouseId, lines }, ERP_ACTOR, now);
      order = { ...doc, _id: link._id };
    }
    const mark: ErpAppliedDoc = {
      form: 'SAL_OUTSTOCK',
      billNo: d.billNo,
      status: 'applied',
      orderId: link._id,
      dealerId: link.dealerId,
      message: null,
      attempts: (seen?.attempts ?? 0) + 1,
      updatedAt: now,
    };
    await tx.set('erp_applied', id, mark);
    return 'applied' as const;
  });
  if (typeof result === 'string') return result;
  return { message: result.message };
}
