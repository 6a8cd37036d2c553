import { users } from './users';

/**
 * Every cloud function and its actions. The mini-program's adapter and the functions'
 * routers both read this map, so a payload is checked against one schema on both sides.
 */
export const contracts = {
  users,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

export * from './users';
