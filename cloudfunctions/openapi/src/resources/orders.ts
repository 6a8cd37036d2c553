import type { z } from 'zod';
import type { orderPath, ordersQuery } from '@shared/openapi/operations';
import { ApiError } from '../http';
import type { ResourceContext } from '../routes';
import { orderView } from './views';

/** A cursor is the (updatedAt, _id) of the last order read: opaque to partners, base64url. */
function decodeCursor(cursor: string | undefined): { at: number; id: string } | ApiError {
  if (!cursor) return { at: 0, id: '' };
  const m = /^(\d{1,15})\.(.{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { at: Number(m[1]), id: m[2]! } : new ApiError('INVALID_INPUT', 'since 不是本接口给出的游标');
}

const encodeCursor = (at: number, id: string) => Buffer.from(`${at}.${id}`, 'utf8').toString('base64url');

/**
 * Orders changed after the cursor, oldest change first: the rest of the cursor's millisecond by
 * _id, then later ones (two indexed reads on (updatedAt, _id)). An order changed again moves to the
 * end, so a partner polling with nextCursor sees every change at least once.
 */
export async function listOrders({ db, query }: ResourceContext): Promise<unknown> {
  const q = query as z.output<typeof ordersQuery>;
  const cursor = decodeCursor(q.since);
  if (cursor instanceof ApiError) return cursor;
  const limit = q.limit ?? 50;
  const _ = db.command;
  const sameMs = cursor.id ? await db.find('orders', { updatedAt: cursor.at, _id: _['gt']!(cursor.id) }, { orderBy: [['_id', 'asc']], limit }) : [];
  const later =
    sameMs.length < limit
      ? await db.find(
          'orders',
          { updatedAt: _['gt']!(cursor.at) },
          {
            orderBy: [
              ['updatedAt', 'asc'],
              ['_id', 'asc'],
            ],
            limit: limit - sameMs.length,
          },
        )
      : [];
  const orders = [...sameMs, ...later];
  const last = orders[orders.length - 1];
  return { orders: orders.map((o) => orderView(o._id, o)), nextCursor: last ? encodeCursor(last.updatedAt, last._id) : (q.since ?? encodeCursor(0, '')) };
}

export async function getOrder({ db, params }: ResourceContext): Promise<unknown> {
  const { orderId } = params as z.output<typeof orderPath>;
  const order = await db.getById('orders', orderId);
  return order ? orderView(order._id, order) : new ApiError('NOT_FOUND', `没有编号为 ${orderId} 的订单`);
}
