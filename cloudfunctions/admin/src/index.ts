import { createRouter } from '../../_kit/router';
import { importCatalog } from './actions/import-catalog';
import { disableApprovalRule, listApprovalRules, upsertApprovalRule, upsertWarehouse } from './actions/orders-config';
import { disableRule, listRules, upsertRule } from './actions/rules';
import { setup } from './actions/setup';

/**
 * admin: the brand's documented admin actions (docs/admin.md), run from the cloud console's
 * test panel (no OPENID) or by a user with role admin.
 */
export const main = createRouter('admin', { setup, upsertRule, disableRule, listRules, upsertApprovalRule, disableApprovalRule, listApprovalRules, upsertWarehouse, importCatalog });
