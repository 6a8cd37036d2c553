import type { Feed, PulledForm } from '@shared/erp';
import { kingdeeTime } from '@shared/erp';
import type { Db } from '../../_kit/db';
import { cursorOf, saveCursor } from './cursors';
import { recordFailure } from './failures';
import type { BillQuery, KingdeeClient } from './kingdee-client';

/** What applying one item did: one of the feed's own counts, or a failure to keep for the admins (it holds the cursor). */
export type ItemOutcome<K extends string> = K | { failed: string; form: PulledForm; billNo: string };

export interface FeedSpec<T, K extends string> {
  feed: Feed;
  /** The ExecuteBillQuery of what changed since the cursor (Kingdee's modify time, ms), oldest first. */
  query: (since: number) => BillQuery;
  /** Rows (objects keyed by the field keys) as the feed's items, in the query's order. */
  items: (rows: ReadonlyArray<Record<string, unknown>>) => readonly T[];
  /** An item's modify time: the cursor moves to the newest one read. */
  modified: (item: T) => number;
  apply: (item: T) => Promise<ItemOutcome<K>>;
  counts: readonly K[];
}

/** The query of a bill feed: audited bills (已审核 C) modified since the cursor, oldest first, by bill number within a second. */
export const auditedSince =
  (FormId: string, FieldKeys: readonly string[]) =>
  (since: number): BillQuery => ({
    FormId,
    FieldKeys,
    FilterString: `FDocumentStatus='C' and FModifyDate>='${kingdeeTime(since)}'`,
    OrderString: 'FModifyDate ASC,FBillNo ASC',
  });

/**
 * One pull of a Kingdee feed: read everything modified since the feed's cursor (all pages), apply
 * each item in order, count what happened, keep each failure with why (erp.issues shows it), and
 * move the cursor to the newest item read — but not past the oldest failure, so the next run
 * retries it. The cursor re-reads its last second (`>=`), so applying must be idempotent: each
 * feed's apply marks what it applied in the same transaction.
 */
export async function pullFeed<T, K extends string>(db: Db, client: KingdeeClient, now: number, spec: FeedSpec<T, K>): Promise<Record<K | 'failed', number>> {
  const since = await cursorOf(db, spec.feed);
  const rows = await client.queryAll(spec.query(since));
  const counts = Object.fromEntries([...spec.counts, 'failed'].map((k) => [k, 0])) as Record<K | 'failed', number>;
  let next = since;
  let held = Infinity;
  for (const item of spec.items(rows)) {
    const modified = spec.modified(item);
    next = Math.max(next, modified);
    const outcome = await spec.apply(item);
    if (typeof outcome === 'string') counts[outcome]++;
    else {
      counts.failed++;
      held = Math.min(held, modified);
      await recordFailure(db, outcome.form, outcome.billNo, outcome.failed, now);
    }
  }
  await saveCursor(db, spec.feed, Math.min(next, held), now);
  return counts;
}
