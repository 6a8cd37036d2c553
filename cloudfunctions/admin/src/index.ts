import { createRouter } from '../../_kit/router';
import { disableApprovalRule } from './actions/disable-approval-rule';
import { disableRule } from './actions/disable-rule';
import { importCatalog } from './actions/import-catalog';
import { listApprovalRules } from './actions/list-approval-rules';
import { listRules } from './actions/list-rules';
import { setup } from './actions/setup';
import { upsertApprovalRule } from './actions/upsert-approval-rule';
import { upsertRule } from './actions/upsert-rule';
import { upsertWarehouse } from './actions/upsert-warehouse';
import { recordPayment } from './actions/record-payment';
import { receiveStock } from './actions/receive-stock';
import { adjustStock } from './actions/adjust-stock';
import { setStockLevel } from './actions/set-stock-level';
import { setProductTerms } from './actions/set-product-terms';

/**
 * admin: the brand's documented admin actions (docs/admin.md), run from the cloud console's
 * test panel (no OPENID) or by a user with role admin.
 */
export const main = createRouter('admin', {
  setup,
  upsertRule,
  disableRule,
  listRules,
  upsertApprovalRule,
  disableApprovalRule,
  listApprovalRules,
  upsertWarehouse,
  importCatalog,
  recordPayment,
  receiveStock,
  adjustStock,
  setStockLevel,
  setProductTerms,
});
