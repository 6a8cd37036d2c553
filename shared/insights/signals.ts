/**
 * The health model's engagement signals for each dealer over the 90 days before `asOf`: campaigns
 * it joined out of those offered to it, and WeCom customers its staff added. Pure: the nightly
 * loads the campaigns, their share codes and the customers first added in the window.
 */
import { visibleTo } from '../campaigns/phase';
import type { DealerSignals } from './health';

const DAY_MS = 86_400_000;
export const SIGNAL_DAYS = 90;

export interface SignalInput {
  dealers: ReadonlyArray<{ _id: string; level: string; region: string }>;
  /** Campaigns ever published (drafts were offered to no one). */
  campaigns: ReadonlyArray<{
    _id: string;
    status: string;
    startAt: number;
    endAt: number;
    endedAt?: number | null;
    publishedAt: number | null;
    visibility: { levels: string[]; regions: string[] };
  }>;
  /** Share codes of those campaigns: a dealer joined a campaign when its owner or a clerk took a code. */
  codes: ReadonlyArray<{ campaignId: string; dealerId: string; createdAt: number }>;
  /** Dealers with WeCom members on their staff: only they are judged on customers added. */
  wecomDealers: ReadonlySet<string>;
  /** WeCom customers first added in the window, with who added them. */
  customers: ReadonlyArray<{ relations: ReadonlyArray<{ dealerId: string | null; addedAt: number }> }>;
  asOf: number;
}

/** Each dealer's campaigns joined/offered and WeCom customers added in the window (the payment signal is added by the caller). */
export function engagementSignals(input: SignalInput): Map<string, DealerSignals> {
  const from = input.asOf - SIGNAL_DAYS * DAY_MS;
  // Offered: published before asOf and running at some point of the window.
  const live = input.campaigns.filter(
    (c) =>
      c.status !== 'draft' && c.publishedAt !== null && c.publishedAt < input.asOf && c.startAt < input.asOf && Math.min(c.endAt, c.endedAt ?? Infinity) > from,
  );
  const joined = new Set(input.codes.filter((c) => c.createdAt < input.asOf).map((c) => `${c.dealerId}|${c.campaignId}`));
  const added = new Map<string, number>();
  for (const customer of input.customers)
    for (const r of customer.relations) if (r.dealerId && r.addedAt >= from && r.addedAt < input.asOf) added.set(r.dealerId, (added.get(r.dealerId) ?? 0) + 1);
  return new Map(
    input.dealers.map((d) => {
      const offered = live.filter((c) => visibleTo(c, d));
      return [
        d._id,
        {
          campaignsOffered: offered.length,
          campaignsJoined: offered.filter((c) => joined.has(`${d._id}|${c._id}`)).length,
          ...(input.wecomDealers.has(d._id) ? { wecomCustomersAdded: added.get(d._id) ?? 0 } : {}),
        },
      ];
    }),
  );
}
