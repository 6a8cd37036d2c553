import type { FunnelInputRow } from '@shared/campaigns';
import type { Db, Where } from '../../_kit/db';

/** What one aggregate request answers at most (the cloud's cap per call). */
const PAGE = 1000;

/**
 * The counter rows of `where` folded in the database, one per sharer's code: its days, and the
 * shards its visits are spread over (lib.ts VISIT_SHARDS), summed by a $group, so the funnel and
 * the ROI read one row per code however many rows the counters took to stay conflict-free (200
 * busy codes' day is ~3,400 rows with the shards, and reading them row by row cost the funnel
 * 8 → 131 ms in the campaigns bench). The names are the latest row's ($last after a sort by _id),
 * as the row-by-row fold took them. Collection.aggregate and its $group accumulators:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Collection.aggregate.html
 */
export async function rowsByCode(db: Db, where: Where): Promise<FunnelInputRow[]> {
  const rows: FunnelInputRow[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await db.aggregate<FunnelInputRow & { _id: string }>('campaign_stats', [
      { $match: where },
      { $sort: { _id: 1 } },
      {
        $group: {
          _id: '$code',
          dealerId: { $last: '$dealerId' },
          dealerName: { $last: '$dealerName' },
          dealerRegion: { $last: '$dealerRegion' },
          clerkId: { $last: '$clerkId' },
          clerkName: { $last: '$clerkName' },
          visits: { $sum: '$visits' },
          uniqueVisitors: { $sum: '$uniqueVisitors' },
          leads: { $sum: '$leads' },
          redemptions: { $sum: '$redemptions' },
          sales: { $sum: '$sales' },
        },
      },
      { $sort: { _id: 1 } },
      { $skip: skip },
      { $limit: PAGE },
    ]);
    rows.push(...page.map(({ _id, ...r }) => ({ ...r, code: _id })));
    if (page.length < PAGE) return rows;
  }
}
