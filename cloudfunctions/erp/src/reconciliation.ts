import type { ErpReportDoc, ReconDifference } from '@shared/erp';
import { KINGDEE_FORMS, QUERY_FIELDS, reconcile, yuanToFen } from '@shared/erp';
import { shanghaiDayKey } from '@shared/time';
import type { Db, Stored } from '../../_kit/db';
import { connect } from './connect';
import type { KingdeeClient } from './kingdee-client';
import type { Mappings } from './mappings';
import { loadMappings } from './mappings';

/** Orders Kingdee must hold besides those pushed already: approved ones (the next sync pushes them; until then they are missing there). */
const OPEN = ['approved'];

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Σ of an amount field per customer number, fen. */
function sumByCustomer(rows: ReadonlyArray<Record<string, unknown>>, customerKey: string, amountKey: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(text(r[customerKey]), (out.get(text(r[customerKey])) ?? 0) + (yuanToFen(r[amountKey]) ?? 0));
  return out;
}

async function compare(db: Db, client: KingdeeClient, maps: Mappings): Promise<Pick<ErpReportDoc, 'counts' | 'differences'>> {
  const [open, links, stock, accounts, dealers] = await Promise.all([
    db.find('orders', { status: db.command['in']!(OPEN) }, { orderBy: [['createdAt', 'desc']], limit: 1000 }),
    db.findAll('erp_orders', { status: 'audited' }),
    db.findAll('stock', {}),
    db.findAll('accounts', {}),
    db.find('dealers', {}, { limit: 1000, fields: { name: true } }),
  ]);
  const linkedOnly = links.filter((l) => !open.some((o) => o._id === l._id));
  const linkedOrders = await db.getMany(
    'orders',
    linkedOnly.map((l) => l._id),
  );
  const ours = [...open, ...linkedOrders].map((o) => ({ orderNo: o.orderNo, payable: o.payable }));
  const [erpOrders, inventory, receivables, receipts] = await Promise.all([
    client.queryAll({ FormId: KINGDEE_FORMS.saleOrder, FieldKeys: QUERY_FIELDS.saleOrder }),
    client.queryAll({ FormId: KINGDEE_FORMS.inventory, FieldKeys: QUERY_FIELDS.inventory }),
    client.queryAll({ FormId: KINGDEE_FORMS.receivable, FieldKeys: QUERY_FIELDS.receivable, FilterString: "FDocumentStatus='C'" }),
    client.queryAll({ FormId: KINGDEE_FORMS.receiveBill, FieldKeys: QUERY_FIELDS.receiveBill, FilterString: "FDocumentStatus='C'" }),
  ]);
  const ourStock = new Map<string, number>();
  for (const s of stock as Array<Stored<{ sku: string; warehouseId: string; onHand: number }>>) {
    if (maps.table.has(`sku:${s.sku}`) && maps.table.has(`warehouse:${s.warehouseId}`)) ourStock.set(`${s.sku}@${s.warehouseId}`, s.onHand);
  }
  const erpStock = new Map<string, number>();
  for (const r of inventory) {
    const sku = maps.ours('sku', text(r['FMaterialId.FNumber']));
    const wh = maps.ours('warehouse', text(r['FStockId.FNumber']));
    if (sku && wh) erpStock.set(`${sku}@${wh}`, (erpStock.get(`${sku}@${wh}`) ?? 0) + Number(r['FBaseQty'] ?? 0));
  }
  const owed = sumByCustomer(receivables, 'FCUSTOMERID.FNumber', 'FALLAMOUNTFOR');
  const paid = sumByCustomer(receipts, 'FCONTACTUNIT.FNumber', 'FREALRECAMOUNTFOR');
  const ourReceivable = new Map(accounts.filter((a) => maps.table.has(`dealer:${a._id}`)).map((a) => [a._id, a.receivable]));
  const erpReceivable = new Map<string, number>();
  for (const customer of new Set([...owed.keys(), ...paid.keys()])) {
    const dealerId = maps.ours('dealer', customer);
    if (dealerId) erpReceivable.set(dealerId, (owed.get(customer) ?? 0) - (paid.get(customer) ?? 0));
  }
  // A sales order closed whole (整单关闭, FCloseStatus B) is no longer an order there: an order cancelled here closes it (cancel.ts).
  const erp = erpOrders
    .filter((r) => text(r['FCloseStatus']) !== 'B')
    .map((r) => ({ billNo: text(r['FBillNo']), status: text(r['FDocumentStatus']), amount: yuanToFen(r['FBillAllAmount']) ?? 0 }));
  const dealerNames = new Map(dealers.map((d) => [d._id, String((d as { name?: string }).name ?? d._id)]));
  const differences = await withNames(db, reconcile({ ours, erp, ourStock, erpStock, ourReceivable, erpReceivable, dealerNames }));
  return { counts: { orders: ours.length, stock: ourStock.size, dealers: ourReceivable.size }, differences };
}

/** Stock differences named by product and warehouse, as people know them (the key keeps the ids). */
async function withNames(db: Db, differences: ReconDifference[]): Promise<ReconDifference[]> {
  const stock = differences.filter((d) => d.kind === 'stock');
  if (stock.length === 0) return differences;
  const [products, warehouses] = await Promise.all([
    db.getMany(
      'products',
      stock.map((d) => d.key.split('@')[0]!),
    ),
    db.find('warehouses', {}, { limit: 100 }),
  ]);
  const names = new Map<string, string>([...products.map((p) => [p._id, p.name] as const), ...warehouses.map((w) => [w._id, w.name] as const)]);
  return differences.map((d) => {
    if (d.kind !== 'stock') return d;
    const [sku, wh] = d.key.split('@') as [string, string];
    return { ...d, label: `${names.get(sku) ?? sku} · ${names.get(wh) ?? wh}` };
  });
}

/** Reconcile with Kingdee and store the day's report (a second run the same day replaces it); a failure is stored as the report. */
export async function runReconciliation(db: Db, now: number): Promise<Stored<ErpReportDoc>> {
  const day = shanghaiDayKey(now);
  const base: ErpReportDoc = { day, at: now, status: 'ok', error: null, counts: { orders: 0, stock: 0, dealers: 0 }, differences: [] };
  const c = connect();
  let report: ErpReportDoc;
  if (!c.ok) report = { ...base, status: 'failed', error: c.error };
  else {
    try {
      await c.client.login();
      report = { ...base, ...(await compare(db, c.client, await loadMappings(db))) };
    } catch (e) {
      report = { ...base, status: 'failed', error: e instanceof Error ? e.message : String(e) };
    }
  }
  await db.set('erp_reports', day, report);
  return { ...report, _id: day };
}
