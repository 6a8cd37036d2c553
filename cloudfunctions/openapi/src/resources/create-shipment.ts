import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { orderPath, shipmentBody } from '@shared/openapi/operations';
import { refuse } from '../../../_kit/db';
import { commandInTx } from '../../../_capabilities/order-commands';
import type { ResourceContext } from '../routes';
import { orderView } from './views';

/**
 * A partner's shipment, through the order state machine (partial shipments included), applied once
 * per partner shipment id: the write's marker is saved in the same transaction as the order, so a
 * retry — the same shipmentId again — answers the order as it is and ships nothing more.
 */
export async function createShipment({ transaction, now, partner, params, body }: ResourceContext): Promise<unknown> {
  const { orderId } = params as z.output<typeof orderPath>;
  const s = body as z.output<typeof shipmentBody>;
  const writeId = `shp_${createHash('sha256').update(`${partner}\nshipment\n${s.shipmentId}`).digest('hex').slice(0, 32)}`;
  return transaction(async (tx) => {
    const [prior, order] = await Promise.all([tx.get('api_writes', writeId), tx.get('orders', orderId)]);
    if (!order) refuse('NOT_FOUND', `没有编号为 ${orderId} 的订单`);
    if (prior) {
      if ((prior.result as { orderId?: string }).orderId !== orderId) refuse('CONFLICT', `发货单号 ${s.shipmentId} 已用于另一个订单`);
      return { order: orderView(orderId, order), duplicate: true };
    }
    const cmd = { type: 'ship' as const, carrier: s.carrier, trackingNo: s.trackingNo, warehouseId: s.warehouseId, lines: s.lines };
    const { doc } = await commandInTx(tx, orderId, order, cmd, { role: 'admin', id: `openapi:${partner}` }, now);
    await tx.set('api_writes', writeId, {
      partner,
      kind: 'shipment',
      externalId: s.shipmentId,
      result: { orderId, shipmentNo: doc.shipments.length },
      at: now,
    });
    return { order: orderView(orderId, doc), duplicate: false };
  });
}
