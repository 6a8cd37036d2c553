import { admin } from './admin';
import { catalog } from './catalog';
import { orders } from './orders';
import { pricing } from './pricing';
import { users } from './users';

/**
 * Every cloud function and its actions. The mini-program's adapter and the functions'
 * routers both read this map, so a payload is checked against one schema on both sides.
 */
export const contracts = {
  users,
  catalog,
  pricing,
  admin,
  orders,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

export * from './users';
export * from './catalog';
export * from './pricing';
export * from './admin';
export * from './orders';
