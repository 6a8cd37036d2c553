import { createHash } from 'node:crypto';
import type { SubmitOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { OrderDoc } from '@shared/models';
import type { SubmitOrder } from '@shared/orders';
import { canonicalJson } from '@shared/rebates';
import type { Db } from '../../../_kit/db';
import { actorNames, toView } from '../views';

/** What makes two submits of one clientOrderId the same request: the whole input, canonical, hashed. */
export function requestDigestOf(input: SubmitOrder): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/**
 * The answer to a submit whose clientOrderId already made an order: that order when the request
 * is the same (a retry, a double tap), CONFLICT when it is not — the key was reused for another
 * cart, and the phone must make a new one. Orders stored without a digest (seeded) replay.
 */
export async function replayOf(db: Db, orderId: string, existing: OrderDoc, digest: string): Promise<SubmitOutput | Refusal> {
  if (existing.requestDigest !== undefined && existing.requestDigest !== digest) {
    return new Refusal(
      'CONFLICT',
      `这个订单提交编号已经下过一笔内容不同的订单（${existing.orderNo}），本次未下单。请在订单列表查看该订单；如需再下一单，请重新提交`,
      {
        reason: 'client_order_id_reused',
        orderId,
        orderNo: existing.orderNo,
      },
    );
  }
  return { order: toView(orderId, existing, await actorNames(db, existing)), replayed: true };
}
