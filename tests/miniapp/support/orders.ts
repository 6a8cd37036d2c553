/**
 * Helpers of the ordering tests (checkout, orders, approvals) on the built weapp.
 */
import { deserialize, serialize } from 'node:v8';
import type { OrderView, SubmitOutput } from '../../../shared/contracts';
import type { Envelope } from '../../helpers/seeded';
import { okData } from '../../helpers/seeded';

/**
 * jest's jsdom environment hides Node's structuredClone, which the local cloud's database uses
 * for every update; Node's own serializer is the same algorithm (Date and RegExp included).
 */
export function provideStructuredClone(): void {
  const g = globalThis as { structuredClone?: <T>(v: T) => T };
  if (typeof g.structuredClone !== 'function') g.structuredClone = <T>(v: T): T => deserialize(serialize(v)) as T;
}

export const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' };

type Invoke = (fn: string, event: unknown, openid?: string) => Promise<Envelope<unknown>>;

let seq = 0;
/** A fresh idempotency key per order the tests place directly. */
export const clientKey = (label: string) => `test-${label}-${Date.now().toString(36)}-${++seq}`.slice(0, 64);

/** Place an order through the real orders function, as a dealer. */
export async function placeOrder(call: Invoke, openid: string, lines: Array<{ sku: string; qty: number; unit: string }>, label = 'order'): Promise<OrderView> {
  const res = (await call(
    'orders',
    { action: 'submit', clientOrderId: clientKey(label), lines, address: ADDRESS, remark: '', rebateToUse: 0 },
    openid,
  )) as Envelope<SubmitOutput>;
  return okData(res).order;
}

/** Run an order command and return the order as the server answers it. */
export async function act(call: Invoke, openid: string | undefined, action: string, input: Record<string, unknown>): Promise<OrderView> {
  return okData((await call('orders', { action, ...input }, openid)) as Envelope<OrderView>);
}

/** 40 箱 of the almond drink gift box: about ¥13,000 for dealer A, over the ¥10,000 approval threshold. */
export const BIG_ORDER = [{ sku: 'sku-0275', qty: 40, unit: '箱' }];
/** 5 箱 of water: well under the threshold, approved automatically. */
export const SMALL_ORDER = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
