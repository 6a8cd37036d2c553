import { contracts } from '@shared/contracts';
import { defineAction, withEarlyReads } from '../../../_kit/router';
import { ownOrderId, submitEarlyReads } from '../submit/context';
import { runSubmit } from '../submit/run';

/** Place an order for the caller's dealer (submit/run), idempotent on the client's id; its first reads go beside the caller's look-up. */
export const submit = withEarlyReads(
  defineAction(contracts.orders.submit, ['dealer'], async (input, ctx) => runSubmit(ctx, input, ownOrderId(ctx.caller.dealerId, input.clientOrderId))),
  submitEarlyReads,
);
