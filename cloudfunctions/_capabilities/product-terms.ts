import type { ProductDoc } from '@shared/models';
import type { Tx } from '../_kit/db';
import { refuse } from '../_kit/db';
import { audit } from '../_kit/audit';

/**
 * A product's commercial terms — list price, on/off sale and visibility by level, region and
 * dealer — changed as one audited write. Versioned like stock levels: a change whose version is
 * not newer than the last one applied changes nothing, so a retry or a late older message from a
 * partner's system never overwrites a newer price. Fields left out stay as they are; the product's
 * master data (name, spec, units) stays with the catalog import.
 */
export interface TermsChange {
  sku: string;
  listPrice?: number | undefined;
  status?: ProductDoc['status'] | undefined;
  visibility?: ProductDoc['visibility'] | undefined;
  version: number;
  actorId: string;
  action: string;
  reason: string;
}

export async function setProductTermsInTx(tx: Tx, c: TermsChange, now: number): Promise<{ applied: boolean; product: ProductDoc }> {
  const found = await tx.get('products', c.sku);
  if (!found) refuse('NOT_FOUND', `没有 SKU 为 ${c.sku} 的商品`);
  const { _id: _ignored, ...before } = found;
  if ((before.termsVersion ?? -1) >= c.version) return { applied: false, product: before };
  const after: ProductDoc = {
    ...before,
    ...(c.listPrice !== undefined ? { listPrice: c.listPrice } : {}),
    ...(c.status !== undefined ? { status: c.status } : {}),
    ...(c.visibility !== undefined ? { visibility: c.visibility } : {}),
    termsVersion: c.version,
  };
  await tx.update('products', c.sku, { listPrice: after.listPrice, status: after.status, visibility: after.visibility, termsVersion: c.version });
  const terms = (p: ProductDoc) => ({ listPrice: p.listPrice, status: p.status, visibility: p.visibility, termsVersion: p.termsVersion ?? null });
  await audit(tx, {
    action: c.action,
    target: { coll: 'products', id: c.sku },
    actorId: c.actorId,
    at: now,
    before: terms(before),
    after: terms(after),
    reason: c.reason,
  });
  return { applied: true, product: after };
}
