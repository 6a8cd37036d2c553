import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { setProductTermsInTx } from '../../../_capabilities/product-terms';

/** A product's list price, sale status and visibility set by the brand's admin: the same audited, versioned change the open API makes. */
export const setProductTerms = defineAction(contracts.admin.setProductTerms, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const { version = now, ...change } = input;
  return db.transaction(async (tx) => {
    const out = await setProductTermsInTx(tx, { ...change, version, actorId: caller.actorId, action: 'admin.setProductTerms' }, now);
    const p = out.product;
    return { applied: out.applied, sku: input.sku, listPrice: p.listPrice, status: p.status, visibility: p.visibility, version: p.termsVersion ?? version };
  });
});
