import { campaigns } from '@shared/contracts/campaigns';
import { catalog } from '@shared/contracts/catalog';
import { orders } from '@shared/contracts/orders';
import { pricing } from '@shared/contracts/pricing';
import { rebates } from '@shared/contracts/rebates';
import { users } from '@shared/contracts/users';
import { wecom } from '@shared/contracts/wecom';

/**
 * The functions the mini-program calls, with the same schemas the functions validate with.
 * `admin` is the console's alone: leaving it out keeps its schemas (price rules, approval rules,
 * catalog import) out of the main package. ./cloud reaches these through ./contracts-loader.
 */
export const APP_CONTRACTS = { users, catalog, pricing, orders, rebates, wecom, campaigns } as const;
