import type { DealerHealthBrief } from '@shared/contracts';
import type { DealerHealth } from '@shared/insights/health';
import { dealerHealth } from '@shared/insights/health';
import type { SalesOrder } from '@shared/insights/sales';
import type { Db } from '../../_kit/db';

const DAY_MS = 86_400_000;
/** The two 90-day windows the score compares. */
const WINDOW_MS = 180 * DAY_MS;
/** One read per region: a region ordering more than this in 180 days is judged on its latest orders. */
const REGION_ORDERS = 1000;

/** A night's stored health is used while it is this fresh; older, the score is computed afresh. */
const STORED_FRESH_MS = 2 * DAY_MS;

/**
 * Each dealer's health (shared/insights/health: 0–100, the reason furthest from healthy first).
 * The insights night stores it (`insight_health`, with the payment, campaign and WeCom signals);
 * read-only here, and used while it is at most two days old. A dealer without a fresh one is
 * scored from its ordering the way the night scores it: against the orders of the dealer's whole
 * region over the last 180 days, so a region's season is not read as one dealer's trend — one
 * query per region over the (dealerRegion, createdAt) index, reading only the fields the score
 * uses. A dealer with no orders in that time has no score (null).
 */
export async function dealerHealths(
  db: Db,
  ids: readonly string[],
  dealersRead: Promise<ReadonlyArray<{ _id: string; name: string; region: string; level: string }>>,
  now: number,
): Promise<Map<string, DealerHealthBrief>> {
  const out = new Map<string, DealerHealthBrief>();
  const brief = (h: DealerHealth): DealerHealthBrief => ({ score: h.score, reason: h.reasons[0]?.reason ?? '', churnRisk: h.churnRisk });
  // The stored scores are read beside the dealers (the caller's read), not after them.
  const [stored, dealers] = await Promise.all([db.getMany('insight_health', ids), dealersRead]);
  for (const h of stored) if (h.asOf >= now - STORED_FRESH_MS) out.set(h._id, brief(h));
  const rest = dealers.filter((d) => !out.has(d._id));
  if (rest.length === 0) return out;

  const _ = db.command;
  const fields = { dealerId: true, dealerName: true, dealerRegion: true, status: true, createdAt: true, payable: true, orderNo: true };
  const byRegion = await Promise.all(
    [...new Set(rest.map((d) => d.region))].map((region) =>
      db.find<SalesOrder>(
        'orders',
        { dealerRegion: region, createdAt: _['gte']!(now - WINDOW_MS) },
        { orderBy: [['createdAt', 'desc']], limit: REGION_ORDERS, fields },
      ),
    ),
  );
  const orders = byRegion.flat();
  // Every dealer of the region that ordered is scored with them (the region's trend is theirs together);
  // the queued dealers keep their own level.
  const scored = new Map(rest.map((d) => [d._id, d]));
  for (const o of orders) if (!scored.has(o.dealerId)) scored.set(o.dealerId, { _id: o.dealerId, name: o.dealerName, region: o.dealerRegion, level: '' });
  for (const h of dealerHealth(orders, [...scored.values()], now + 1)) if (rest.some((d) => d._id === h.dealerId)) out.set(h.dealerId, brief(h));
  return out;
}
