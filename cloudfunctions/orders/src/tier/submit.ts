import { createHash } from 'node:crypto';
import type { SubmitOutput } from '@shared/contracts';
import { TIER_ORDER_PREFIX } from '@shared/contracts/tier';
import { Refusal } from '@shared/envelope';
import type { DealerDoc, ProductDoc } from '@shared/models';
import type { OrderEvent, SubmitOrder } from '@shared/orders';
import { newOrder } from '@shared/orders';
import type { TierOrderDoc } from '@shared/tier';
import { heldOf, priceTierCart } from '@shared/tier';
import { shanghaiDayKey } from '@shared/time';
import { dealerRef, toCatalogProduct } from '../../../_capabilities/catalog';
import { reserveDealerStock } from '../../../_capabilities/dealer-stock';
import { tierPricesOf } from '../../../_capabilities/tier-supply';
import type { Stored } from '../../../_kit/db';
import type { AuthedCaller, HandlerContext } from '../../../_kit/router';
import { replayOf } from '../submit/replay';
import { toView } from '../views';

/** TO + Shanghai day + 8 hex of the order id: derived, so a retry makes the same number. */
function tierOrderNo(orderId: string, now: number): string {
  return `TO${shanghaiDayKey(now)}${createHash('sha256').update(orderId).digest('hex').slice(0, 8).toUpperCase()}`;
}

/** The order document of a priced child's cart, stock held at the first-tier, submitted. */
function draftOf(
  orderId: string,
  input: SubmitOrder,
  digest: string,
  lines: ReturnType<typeof priceTierCart> & { ok: true },
  child: Stored<DealerDoc>,
  supplier: Stored<DealerDoc>,
  caller: AuthedCaller,
  now: number,
): TierOrderDoc {
  const reservations = heldOf({ lines: lines.lines.map((l) => ({ ...l, shippedQty: 0 })) }).map((m) => ({ ...m, warehouseId: supplier._id }));
  const { id: _id, ...order } = newOrder({
    id: orderId,
    orderNo: tierOrderNo(orderId, now),
    dealerId: child._id,
    lines: lines.lines,
    rebateUsed: 0,
    reservations,
    createdAt: now,
  });
  const event: OrderEvent = {
    type: 'submitted',
    from: 'submitted',
    to: 'submitted',
    actor: { role: caller.role, id: caller.user.openid },
    at: now,
    data: { supplierDealerId: supplier._id },
  };
  return {
    ...order,
    // Not the brand's sell-in: no credit held, no approval steps.
    creditReserved: 0,
    events: [event],
    clientOrderId: input.clientOrderId,
    requestDigest: digest,
    dealerName: child.name,
    dealerLevel: child.level,
    dealerRegion: child.region,
    address: input.address,
    remark: input.remark,
    source: 'app',
    warehouseIds: [],
    updatedAt: now,
    supplierDealerId: supplier._id,
    supplierName: supplier.name,
    paid: 0,
    paidAt: null,
  };
}

/**
 * A second-tier dealer's submit when its parent sells on (docs/two-tier.md): priced from the
 * parent's sub-dealer list, the units reserved from the parent's own stock inside the transaction
 * that inserts the order (re-checked there, so two submits at once cannot oversell), idempotent on
 * the client's id like every submit (t-<child>-<clientOrderId>).
 */
export async function submitToSupplier(
  ctx: HandlerContext<AuthedCaller>,
  input: SubmitOrder,
  digest: string,
  p: { child: Stored<DealerDoc>; supplier: Stored<DealerDoc>; products: ReadonlyArray<Stored<ProductDoc>> },
): Promise<SubmitOutput | Refusal> {
  const { db, now, caller } = ctx;
  const orderId = `${TIER_ORDER_PREFIX}${p.child._id}-${input.clientOrderId}`;
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const [existing, prices] = await Promise.all([db.getById('tier_orders', orderId), tierPricesOf(db, p.supplier._id, skus)]);
  if (existing) return replayOf(db, orderId, existing, digest);
  const catalog = new Map(p.products.map((x) => [x.sku, toCatalogProduct(x)]));
  // The same pricing as pricing.quote and the catalog show the child (shared/tier quoteTierCart).
  const priced = priceTierCart(input.lines, catalog, prices, dealerRef(p.child));
  if (!priced.ok)
    return new Refusal('INVALID_INPUT', priced.message, { lineErrors: [{ lineIndex: priced.lineIndex, sku: priced.sku, message: priced.message }] });
  const doc = draftOf(orderId, input, digest, priced, p.child, p.supplier, caller, now);
  const saved = await db.transaction(async (tx) => {
    const twin = await tx.get('tier_orders', orderId);
    if (twin) return { replay: twin };
    await reserveDealerStock(tx, p.supplier._id, heldOf(doc), now);
    await tx.set('tier_orders', orderId, doc);
    return { replay: null };
  });
  if (saved instanceof Refusal) return saved;
  if (saved.replay) return replayOf(db, orderId, saved.replay, digest);
  return { order: toView(orderId, doc), replayed: false };
}
