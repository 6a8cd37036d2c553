import type { TierOrderSummary, TierPriceItem, TierStockItem, TwoTierSetting } from '@shared/contracts/tier';
import type { ProductDoc } from '@shared/models';
import { ORDER_STATUS_LABELS } from '@shared/orders';
import type { DealerStockDoc, TierOrderDoc, TierPriceDoc } from '@shared/tier';
import { boundsOf } from '@shared/tier';
import type { Stored } from '../../_kit/db';

export function priceItem(p: Stored<ProductDoc>, setting: TwoTierSetting, price: TierPriceDoc | undefined, stock: DealerStockDoc | undefined): TierPriceItem {
  const { floor, ceil } = boundsOf(p.listPrice, setting);
  return {
    sku: p.sku,
    name: p.name,
    spec: p.spec,
    baseUnit: p.baseUnit,
    packUnits: p.packUnits,
    moq: p.moq,
    multiple: p.multiple,
    listPrice: p.listPrice,
    floor,
    ceil,
    unitPrice: price?.unitPrice ?? null,
    available: stock ? Math.max(0, stock.onHand - stock.reserved) : 0,
    updatedAt: price?.updatedAt ?? null,
  };
}

export function stockItem(s: DealerStockDoc, name: string): TierStockItem {
  return { sku: s.sku, name, onHand: s.onHand, reserved: s.reserved, available: Math.max(0, s.onHand - s.reserved), updatedAt: s.updatedAt };
}

export function summaryOf(d: Stored<TierOrderDoc>): TierOrderSummary {
  return {
    id: d._id,
    orderNo: d.orderNo,
    dealerId: d.dealerId,
    dealerName: d.dealerName,
    supplierDealerId: d.supplierDealerId,
    status: d.status,
    statusLabel: d.status === 'submitted' ? '待接单' : ORDER_STATUS_LABELS[d.status],
    payable: d.payable,
    paid: d.paid,
    lineCount: d.lines.length,
    itemQty: d.lines.reduce((n, l) => n + l.qty, 0),
    preview: d.lines.slice(0, 3).map((l) => l.name),
    createdAt: d.createdAt,
  };
}
