import { admin } from './admin';
import { aftersales } from './aftersales';
import { campaigns } from './campaigns';
import { catalog } from './catalog';
import { dealers } from './dealers';
import { enablement } from './enablement';
import { erp } from './erp';
import { insights } from './insights';
import { integration } from './integration';
import { lifecycle } from './lifecycle';
import { openapi } from './openapi';
import { orders } from './orders';
import { rebates } from './rebates';
import { pricing } from './pricing';
import { users } from './users';
import { wecom } from './wecom';
import { tier } from './tier';

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
  rebates,
  wecom,
  campaigns,
  dealers,
  lifecycle,
  aftersales,
  enablement,
  insights,
  erp,
  integration,
  openapi,
  tier,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

export * from './users';
export * from './catalog';
export * from './pricing';
export * from './admin';
export * from './orders';
export * from './proxy-orders';
export * from './payments';
export * from './rebates';
export * from './campaigns';
export * from './wecom';
export * from './wecom-push';
export * from './dealers';
export * from './lifecycle';
export * from './aftersales';
export * from './enablement';
export * from './insights';
export * from './erp';
export * from './integration';
export * from './openapi';
export * from './tier';
