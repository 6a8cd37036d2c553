import type { z } from 'zod';
import type { productTermsBody, skuPath } from '@shared/openapi/operations';
import { setProductTermsInTx } from '../../../_capabilities/product-terms';
import type { ResourceContext } from '../routes';
import { productView } from './products';

/**
 * A product's list price, sale status and visibility from the partner's system, as one audited,
 * versioned change (setProductTermsInTx): a version not newer than the one applied changes nothing.
 */
export async function setProductTerms({ transaction, now, partner, params, body }: ResourceContext): Promise<unknown> {
  const { sku } = params as z.output<typeof skuPath>;
  const t = body as z.output<typeof productTermsBody>;
  return transaction(async (tx) => {
    const change = { sku, listPrice: t.listPrice, status: t.status, visibility: t.visibility, version: t.version, reason: t.reason };
    const out = await setProductTermsInTx(tx, { ...change, actorId: `openapi:${partner}`, action: 'openapi.setProductTerms' }, now);
    return { applied: out.applied, product: productView(sku, out.product), version: out.product.termsVersion ?? t.version };
  });
}
