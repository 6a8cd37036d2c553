import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { isTierOrderId } from '@shared/contracts/tier';
import { defineAction } from '../../../_kit/router';
import { runTierCommand } from '../tier/command';

/** The first-tier's owner or buyer accepts a child's order (二级分销, docs/two-tier.md): 待接单 → 待发货. */
export const accept = defineAction(contracts.orders.accept, ['dealer'], async ({ orderId }, { db, caller, now }) =>
  isTierOrderId(orderId) ? runTierCommand(db, caller, orderId, { type: 'accept' }, now) : new Refusal('NOT_FOUND', '只有二级经销商的订单需要接单'),
);
