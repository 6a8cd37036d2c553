import type { z } from 'zod';
import type { stockLevelBody } from '@shared/openapi/operations';
import { setStockLevel as setLevel } from '../../../_capabilities/stock-levels';
import type { ResourceContext } from '../routes';

/**
 * The partner's count of one SKU in one warehouse, absolute and versioned (setStockLevel): a
 * message with a version not newer than the one applied changes nothing, so a retry or a late
 * older message never overwrites a newer level.
 */
export async function setStockLevel({ transaction, now, body }: ResourceContext): Promise<unknown> {
  const l = body as z.output<typeof stockLevelBody>;
  // The answer is made inside the transaction: it is kept under the Idempotency-Key there.
  return transaction(async (tx) => {
    const out = await setLevel(tx, { sku: l.sku, warehouseId: l.warehouseId, onHand: l.onHand, version: l.version, source: 'openapi' }, now);
    return 'applied' in out ? { applied: out.applied, onHand: out.stock.onHand, reserved: out.stock.reserved, shortBy: out.shortBy } : out;
  });
}
