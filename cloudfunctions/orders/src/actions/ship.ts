import { contracts } from '@shared/contracts';
import { isTierOrderId } from '@shared/contracts/tier';
import { runTierCommand } from '../tier/command';
import { brandOnlyRefusal } from '../tier/parties';
import { callersOf } from '../actors';
import { runCommand } from '../run-command';
import { defineAction } from '../../../_kit/router';

/** Record a shipment: its units leave the reservation and the warehouse, its amount becomes receivable. */
export const ship = defineAction(
  contracts.orders.ship,
  [...callersOf('ship'), 'dealer'],
  async ({ orderId, carrier, trackingNo, warehouseId, lines }, { db, caller, now }) =>
    // A two-tier order is shipped by its first-tier from its own stock (docs/two-tier.md).
    isTierOrderId(orderId)
      ? runTierCommand(db, caller, orderId, { type: 'ship', carrier, trackingNo, lines }, now)
      : (brandOnlyRefusal(caller, 'ship') ??
        runCommand(
          db,
          caller,
          orderId,
          warehouseId === undefined ? { type: 'ship', carrier, trackingNo, lines } : { type: 'ship', carrier, trackingNo, warehouseId, lines },
          now,
        )),
);
