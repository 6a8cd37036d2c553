import type { LocalCloud } from '../cloud';
import { stringifyEJSON } from '../cloud/db/ejson';
import { saleOrderModel } from '../../shared/erp/sale-order';
import type { OrderDoc } from '../../shared/models';
import { DEMO_KINGDEE, FakeKingdee } from './server';

/**
 * The demo's Kingdee numbering: what a brand's ERP might call our SKUs, dealers and warehouses.
 * 物料 1.01.0001 for sku-0001, 客户 CUST001 for dealer-001, 仓库 CK01 / CK02 in stock org 100.
 */
export const demoMaterial = (sku: string) => `1.01.${sku.replace(/^sku-/, '')}`;
export const demoCustomer = (dealerId: string) => `CUST${dealerId.replace(/^dealer-/, '')}`;
export const DEMO_STOCK_ORG = '100';

interface DemoData {
  products: Array<{ _id: string }>;
  dealers: Array<{ _id: string }>;
  warehouses: Array<{ _id: string }>;
  stock: Array<{ sku: string; warehouseId: string; onHand: number }>;
  accounts: Array<{ _id: string; receivable: number }>;
}

export type DemoMappingItem = { kind: 'sku' | 'dealer' | 'warehouse'; ourId: string; erpNumber: string; stockOrg?: string };

/**
 * Make the fake Kingdee hold what a brand's Kingdee would at go-live: a material per SKU, a customer
 * per dealer, a stock per warehouse, today's inventory and each dealer's open receivable (期初), and
 * answer the mappings that connect them (for erp.setMappings).
 */
export function prepareDemoKingdee(fake: FakeKingdee, data: DemoData): DemoMappingItem[] {
  const stockNo = new Map(data.warehouses.map((w, i) => [w._id, `CK${String(i + 1).padStart(2, '0')}`]));
  fake.addBaseData({
    materials: data.products.map((p) => demoMaterial(p._id)),
    customers: data.dealers.map((d) => demoCustomer(d._id)),
    stocks: [...stockNo.values()].map((number) => ({ number, org: DEMO_STOCK_ORG })),
  });
  for (const s of data.stock)
    if (stockNo.has(s.warehouseId)) fake.setStock({ material: demoMaterial(s.sku), stock: stockNo.get(s.warehouseId)!, qty: s.onHand });
  for (const a of data.accounts) if (a.receivable > 0) fake.openingReceivable(demoCustomer(a._id), a.receivable / 100);
  return [
    ...data.products.map((p) => ({ kind: 'sku' as const, ourId: p._id, erpNumber: demoMaterial(p._id) })),
    ...data.dealers.map((d) => ({ kind: 'dealer' as const, ourId: d._id, erpNumber: demoCustomer(d._id) })),
    ...data.warehouses.map((w) => ({ kind: 'warehouse' as const, ourId: w._id, erpNumber: stockNo.get(w._id)!, stockOrg: DEMO_STOCK_ORG })),
  ];
}

/** The demo data as the local cloud's store holds it. */
export function demoDataOf(cloud: LocalCloud): DemoData {
  const all = <T>(coll: string) => (cloud.store.hasCollection(coll) ? (cloud.store.all(coll) as unknown as T[]) : []);
  return {
    products: all('products'),
    dealers: all('dealers'),
    warehouses: all('warehouses'),
    stock: all('stock'),
    accounts: all('accounts'),
  };
}

/** Save mappings through the documented admin action, as a brand's admin would from the console (500 a call). */
export async function saveMappings(cloud: LocalCloud, items: readonly DemoMappingItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 500) {
    const res = (await cloud.invoke('erp', { action: 'setMappings', items: items.slice(i, i + 500) }, { source: 'wx_devtools' })) as {
      ok: boolean;
      error?: { message: string };
    };
    if (!res.ok) throw new Error(`erp.setMappings: ${res.error?.message ?? ''}`);
  }
}

/** The sales orders the connector pushed before this start (the database remembers them, this in-memory fake does not). */
function restorePushed(cloud: LocalCloud, fake: FakeKingdee): void {
  if (!cloud.store.hasCollection('erp_orders')) return;
  const table = new Map(
    cloud.store
      .all('erp_mappings')
      .map((m) => [`${String(m['kind'])}:${String(m['ourId'])}`, { erpNumber: String(m['erpNumber']), stockOrg: m['stockOrg'] as string | undefined }]),
  );
  for (const link of cloud.store.all('erp_orders')) {
    if (link['status'] !== 'audited') continue;
    const order = cloud.store.get('orders', link._id)?.doc as unknown as OrderDoc | undefined;
    const decided = order ? saleOrderModel(order, table) : null;
    if (decided?.ok) fake.holdSaleOrder(decided.model);
  }
}

/**
 * The demo mappings written as demo data, in bulk as the seed writes (a few hundred transactions with
 * their audit entries through erp.setMappings would add seconds to every start of a fresh database);
 * a brand's admin saves theirs with erp.setMappings, audited.
 */
function insertDemoMappings(cloud: LocalCloud, items: readonly DemoMappingItem[], now: number): void {
  const docs = items.map((i) => stringifyEJSON({ _id: `${i.kind}:${i.ourId}`, ...i, updatedAt: now, by: 'demo-seed' }));
  for (let i = 0; i < docs.length; i += 400) {
    const answer = cloud.db.handle('database.insertDocument', { collectionName: 'erp_mappings', data: docs.slice(i, i + 400) }) as {
      code?: string;
      message?: string;
    };
    if (answer.code) throw new Error(`inserting demo ERP mappings: ${answer.code} ${answer.message ?? ''}`);
  }
}

/**
 * `npm start`'s fake Kingdee: the demo credentials into the environment the erp function reads
 * (same process), the demo's base data, inventory and receivables in the fake, and the demo
 * mappings written once (a database that has mappings keeps its own). Port: KINGDEE_FAKE_PORT,
 * default any free one.
 */
export async function startFakeKingdee(cloud: LocalCloud): Promise<FakeKingdee> {
  const fake = new FakeKingdee({ ...DEMO_KINGDEE });
  await fake.start(Number(process.env['KINGDEE_FAKE_PORT'] ?? 0));
  Object.assign(process.env, fake.env(), { KINGDEE_LOOPBACK_ONLY: '1' });
  const items = prepareDemoKingdee(fake, demoDataOf(cloud));
  if (!cloud.store.hasCollection('erp_mappings')) cloud.db.handle('database.addCollection', { collectionName: 'erp_mappings' });
  if (cloud.store.all('erp_mappings').length === 0) insertDemoMappings(cloud, items, Date.now());
  restorePushed(cloud, fake);
  return fake;
}
