import type { OrderDoc } from '@shared/models';
import type { OrderView } from '@shared/openapi/operations';

/** An order as partners see it: no internal credit, reservation or approval bookkeeping. */
export function orderView(id: string, o: OrderDoc): OrderView {
  return {
    id,
    orderNo: o.orderNo,
    dealerId: o.dealerId,
    status: o.status,
    lines: o.lines.map((l) => ({ sku: l.sku, name: l.name, kind: l.kind, qty: l.qty, shippedQty: l.shippedQty, unitPrice: l.unitPrice, payable: l.payable })),
    payable: o.payable,
    shipments: o.shipments.map((s) => ({
      no: s.no,
      warehouseId: s.warehouseId,
      carrier: s.carrier,
      trackingNo: s.trackingNo,
      lines: s.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
      amount: s.amount,
      at: s.at,
    })),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
