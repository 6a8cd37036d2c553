import { contracts } from '@shared/contracts';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Record a shipment: its units leave the reservation and the warehouse, its amount becomes receivable. */
export const ship = defineAction(contracts.orders.ship, callersOf('ship'), async ({ orderId, carrier, trackingNo, warehouseId, lines }, { db, caller, now }) =>
  runCommand(
    db,
    caller,
    orderId,
    warehouseId === undefined ? { type: 'ship', carrier, trackingNo, lines } : { type: 'ship', carrier, trackingNo, warehouseId, lines },
    now,
  ),
);
