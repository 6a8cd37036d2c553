import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { runSubmit } from '../submit/run';

/** Place an order for the caller's dealer (submit/run), idempotent on the client's id. */
export const submit = defineAction(contracts.orders.submit, ['dealer'], async (input, ctx) =>
  runSubmit(ctx, input, `o-${ctx.caller.dealerId}-${input.clientOrderId}`),
);
