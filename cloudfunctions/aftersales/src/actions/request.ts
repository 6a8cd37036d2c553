import type { InputOf } from '@shared/contract';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { ReturnEffect, ReturnPolicy, ReturnRequest } from '@shared/returns';
import { adjustHolds, checkRequest, openRequest } from '@shared/returns';
import { audit } from '../../../_kit/audit';
import type { Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import type { AuthedCaller } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';
import type { OrderWithReturns } from '../../../_capabilities/rebate-facts';
import { notify } from '../notify';
import { actorOf, policyOf, toView } from '../scope';

type Input = InputOf<typeof contracts.aftersales.request> & { photos: string[] };

/**
 * A dealer asks to return goods of a delivered order. Idempotent on clientRequestId: the id is
 * derived from it and the caller's dealer, and the same request again answers the one made.
 */
export const request = defineAction(contracts.aftersales.request, ['dealer'], async (input, { db, caller, now }) => {
  const requestId = `rr-${caller.dealerId}-${input.clientRequestId}`;
  const policy = await policyOf(db);
  const saved = await db.transaction((tx) => open(tx, requestId, input, caller, policy, now));
  if (saved instanceof Refusal) return saved;
  await notify(db, requestId, saved.doc, saved.effects, now);
  return toView(requestId, saved.doc, caller);
});

/**
 * In one transaction: the order's returnable units are checked (delivered − returned − held by
 * open requests, within the window) and held by this request on the order document, so two
 * requests at once cannot both take the last units.
 */
async function open(
  tx: Tx,
  requestId: string,
  input: Input,
  caller: AuthedCaller,
  policy: ReturnPolicy,
  now: number,
): Promise<{ doc: Omit<ReturnRequest, 'id'>; effects: ReturnEffect[] }> {
  const earlier = await tx.get('return_requests', requestId);
  if (earlier) {
    const asked = (lines: ReadonlyArray<{ sku: string; qty: number }>) => JSON.stringify(lines.map((l) => [l.sku, l.qty]));
    if (earlier.orderId !== input.orderId || asked(earlier.lines) !== asked(input.lines)) refuse('CONFLICT', '退货申请编号已用于另一次申请，请刷新后重试');
    const { _id: _e, ...doc } = earlier;
    return { doc, effects: [] };
  }
  const order = await tx.get<OrderWithReturns>('orders', input.orderId);
  if (!order || order.dealerId !== caller.dealerId) refuse('NOT_FOUND', '订单不存在或无权查看');
  const checked = checkRequest(order, input, now, policy);
  if (!checked.ok) refuse(checked.code, checked.message);
  const { orderNo, dealerId, dealerRegion, dealerName } = order;
  const draft = {
    id: requestId,
    orderId: input.orderId,
    orderNo,
    dealerId,
    dealerRegion,
    dealerName,
    lines: checked.lines,
    reason: checked.reason,
    photos: checked.photos,
    createdAt: now,
  };
  const { next, effects } = openRequest(draft, actorOf(caller));
  const { _id: _o, ...o } = order;
  await tx.set('orders', input.orderId, { ...o, returning: adjustHolds(order.returning, checked.lines, 1), updatedAt: now });
  const { id: _id, ...doc } = next;
  await tx.set('return_requests', requestId, doc);
  await audit(tx, {
    action: 'aftersales.requested',
    target: { coll: 'return_requests', id: requestId },
    actorId: caller.actorId,
    at: now,
    before: null,
    after: 'requested',
    reason: doc.reason,
  });
  return { doc, effects };
}
