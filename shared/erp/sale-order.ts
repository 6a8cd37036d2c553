import type { OrderDoc } from '../models';
import { formatShanghai } from '../time';
import type { SaleOrderModel } from './kingdee';
import { CURRENCY_CNY, fenToYuan, SALE_ORDER_BILL_TYPE } from './kingdee';
import type { ErpMappingDoc, MappingKind } from './types';

/** Mappings by `<kind>:<ourId>`, as the connector loads them. */
export type MappingTable = ReadonlyMap<string, Pick<ErpMappingDoc, 'erpNumber' | 'stockOrg'>>;

export const mappingId = (kind: MappingKind, ourId: string): string => `${kind}:${ourId}`;

export type SaleOrderDecision = { ok: true; model: SaleOrderModel } | { ok: false; unmapped: string[] };

/**
 * The Kingdee sales order for one of our orders, or every mapping it lacks (an unmapped SKU,
 * dealer or warehouse is an error on that order's sync, never a silently shorter order).
 *
 * FBillNo is our order number: Kingdee keeps bill numbers unique, so a retry of a push that did
 * reach it finds the bill instead of making a second one. Prices are 含税单价 per base unit in yuan,
 * the line's payable (after discounts and rebate) divided by its quantity to 6 decimals, so
 * Kingdee's 价税合计 (price × qty to 2 decimals) comes back to the payable in fen. Gifts are 赠品
 * lines at price 0. The sales organisation is the stock org of the order's first warehouse.
 */
export function saleOrderModel(
  order: Pick<OrderDoc, 'orderNo' | 'dealerId' | 'createdAt' | 'lines' | 'warehouseIds' | 'remark' | 'reservations'>,
  map: MappingTable,
): SaleOrderDecision {
  const unmapped = new Set<string>();
  const need = (kind: MappingKind, id: string) => {
    const m = map.get(mappingId(kind, id));
    if (!m) unmapped.add(mappingId(kind, id));
    return m;
  };
  const customer = need('dealer', order.dealerId);
  const warehouseId = order.warehouseIds[0] ?? order.reservations[0]?.warehouseId;
  const warehouse = warehouseId ? need('warehouse', warehouseId) : undefined;
  if (!warehouseId) unmapped.add('warehouse:?');
  const materials = order.lines.map((l) => need('sku', l.sku));
  if (unmapped.size > 0 || !customer || !warehouse) return { ok: false, unmapped: [...unmapped].sort() };
  const org = { FNumber: warehouse.stockOrg ?? '100' };
  return {
    ok: true,
    model: {
      FBillNo: order.orderNo,
      FBillTypeID: { FNumber: SALE_ORDER_BILL_TYPE },
      FDate: formatShanghai(order.createdAt, 'date'),
      FSaleOrgId: org,
      FCustId: { FNumber: customer.erpNumber },
      FNote: order.remark.slice(0, 200),
      FSaleOrderFinance: { FSettleCurrId: { FNumber: CURRENCY_CNY }, FIsIncludedTax: true },
      FSaleOrderEntry: order.lines.map((l, i) => ({
        FMaterialId: { FNumber: materials[i]!.erpNumber },
        FQty: l.qty,
        FTaxPrice: l.qty > 0 ? Math.round((fenToYuan(l.payable) / l.qty) * 1e6) / 1e6 : 0,
        FIsFree: l.kind === 'gift',
        FStockOrgId: org,
        FEntryNote: l.name.slice(0, 80),
      })),
    },
  };
}
