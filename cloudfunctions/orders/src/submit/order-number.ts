import { createHash } from 'node:crypto';
import { shanghaiDayKey } from '@shared/time';
import type { Tx } from '../../../_kit/db';

/** Numbers an order may try before giving up: a day would need ~1,000,000 orders to fill them. */
const ORDER_NO_PROBES = 64;

/**
 * A human order number, unique: SO + Shanghai date + 6 digits, inserted into `order_numbers`
 * (_id = the number) in the submit transaction, so a number another order holds is never
 * given again — two transactions claiming one number conflict, and the retry moves on. The
 * digits start at a hash of the order id and step forward past numbers taken. Nothing is keyed
 * by it (the order id is the key); it is what people read. Why not one counter per day: every
 * submit of the day would write that one document, and they would all conflict with each other.
 */
export function orderNoCandidate(orderId: string, now: number, i: number): string {
  const day = shanghaiDayKey(now);
  const start = parseInt(createHash('sha256').update(orderId).digest('hex').slice(0, 10), 16) % 1_000_000;
  return `SO${day}${String((start + i) % 1_000_000).padStart(6, '0')}`;
}

/**
 * The number to claim: the first candidate nobody else holds. `first` is the holder of the first
 * candidate, read beside the transaction's other reads (a number is rarely taken, so usually no
 * further read is needed). The claim itself (`order_numbers` set) is written with the order.
 */
export async function pickOrderNo(tx: Tx, orderId: string, now: number, first: { orderId: string } | null): Promise<{ orderNo: string; claimed: boolean }> {
  for (let i = 0; i < ORDER_NO_PROBES; i++) {
    const orderNo = orderNoCandidate(orderId, now, i);
    const holder = i === 0 ? first : await tx.get('order_numbers', orderNo);
    if (holder?.orderId === orderId) return { orderNo, claimed: true };
    if (!holder) return { orderNo, claimed: false };
  }
  throw new Error(`no free order number for ${orderId} after ${ORDER_NO_PROBES} tries`);
}
