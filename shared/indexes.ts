import type { CollectionName } from './collections';

/**
 * The database indexes the functions' queries need, declared beside the collection list.
 * `npm run deploy` creates exactly these (scripts/deploy); the local cloud refuses, in the
 * function tests, a query on a collection of more than a few hundred documents that none of them
 * serves (mocks/cloud/db/index-check.ts), so a query that would crawl through a million orders in
 * the cloud fails here instead. Every collection also has the built-in unique index on `_id`.
 */

export interface IndexField {
  field: string;
  /** Key order, as MongoDB's 1 / -1: a sort in the other direction on every field is served too. */
  order: 'asc' | 'desc';
}

export interface IndexSpec {
  collection: CollectionName;
  /** Stable name, as created in the cloud (CloudBase names indexes; a changed name is a new index). */
  name: string;
  fields: readonly IndexField[];
  unique?: boolean;
}

/** The shape of one query, values left out: what an index has to serve. */
export interface QueryShape {
  collection: string;
  /** Fields compared by equality or `in` (an index can seek to each value). */
  equal: readonly string[];
  /** Fields bounded by `gt`/`gte`/`lt`/`lte`. */
  range: readonly string[];
  /** The orderBy, in order. */
  sort: readonly IndexField[];
  /** Fields tested in ways no index seeks by ($exists, $ne, a pattern): they only filter. */
  filter?: readonly string[];
}

const asc = (field: string): IndexField => ({ field, order: 'asc' });
const desc = (field: string): IndexField => ({ field, order: 'desc' });

function index(collection: CollectionName, fields: IndexField[], unique = false): IndexSpec {
  const name = fields.map((f) => `${f.field.replace(/\./g, '_')}_${f.order === 'asc' ? 1 : -1}`).join('_');
  return unique ? { collection, name, fields, unique } : { collection, name, fields };
}

/**
 * Why each exists is the query beside it (function / action). `findAll` pages by `_id`, so an
 * index that serves one ends with `_id`. Lists newest first page by (createdAt, _id).
 */
export const INDEXES: readonly IndexSpec[] = [
  // 二级分销 (docs/two-tier.md): tier.incoming (a first-tier's, by status), tier.outgoing (a child's), tier.sellThrough (deliveries).
  index('tier_orders', [asc('supplierDealerId'), asc('status'), desc('createdAt'), desc('_id')]),
  index('tier_orders', [asc('supplierDealerId'), desc('createdAt'), desc('_id')]),
  index('tier_orders', [asc('dealerId'), asc('status'), desc('createdAt'), desc('_id')]),
  index('tier_orders', [asc('dealerId'), desc('createdAt'), desc('_id')]),
  index('tier_orders', [asc('orderNo')]),
  index('tier_orders', [asc('status'), asc('deliveredAt')]),
  index('tier_orders', [asc('status'), asc('_id')]),
  // rebates: a sell_through campaign's window reads one first-tier's delivered two-tier orders (findAll walks _id).
  index('tier_orders', [asc('supplierDealerId'), asc('_id')]),
  index('tier_prices', [asc('dealerId'), asc('_id')]),
  index('dealer_stock', [asc('dealerId'), asc('_id')]),
  // orders.list and orders.pendingApprovals, per scope: a dealer's, a manager's regions, everything (admin / console).
  index('orders', [asc('dealerId'), desc('createdAt'), desc('_id')]),
  index('orders', [asc('dealerRegion'), desc('createdAt'), desc('_id')]),
  index('orders', [desc('createdAt'), desc('_id')]),
  index('orders', [asc('status'), desc('createdAt'), desc('_id')]),
  // orders.list with placedByMe: the proxy orders (代客下单) one manager placed, by group or all.
  index('orders', [asc('placedBy.id'), desc('createdAt'), desc('_id')]),
  index('orders', [asc('placedBy.id'), asc('status'), desc('createdAt'), desc('_id')]),
  // orders' hourly timers: shipped orders past their auto-confirm time, delivered ones past auto-complete.
  index('orders', [asc('status'), asc('fullyShippedAt')]),
  index('orders', [asc('status'), asc('deliveredAt')]),
  // orders.statement (findAll by dealer), submit's first-order count; rebates' facts and checks (a dealer's deliveries).
  index('orders', [asc('dealerId'), asc('_id')]),
  index('orders', [asc('dealerId'), asc('deliveredAt')]),
  index('payments', [asc('dealerId'), asc('_id')]),
  // orders.payOrder and the refunds of a cancel or a credited return: an order's WeChat Pay pay-ins.
  index('wxpay_orders', [asc('orderId'), asc('_id')]),
  // integration: events not yet dispatched, oldest first (the worker's and its timer's pick-up).
  index('outbox', [asc('dispatched'), asc('createdAt')]),
  index('returns', [asc('dealerId'), asc('_id')]),
  // aftersales.list per scope (a dealer's, a manager's regions, admins by status or all) and an order's requests.
  index('return_requests', [asc('dealerId'), desc('createdAt'), desc('_id')]),
  index('return_requests', [asc('dealerRegion'), desc('createdAt'), desc('_id')]),
  index('return_requests', [asc('status'), desc('createdAt'), desc('_id')]),
  index('return_requests', [desc('createdAt'), desc('_id')]),
  index('return_requests', [asc('orderId'), desc('createdAt')]),
  index('wallet_entries', [asc('dealerId'), desc('at'), desc('_id')]),
  index('wallet_entries', [asc('dealerId'), asc('_id')]),
  // The caller's identity on every call (router), notification audiences, actor names.
  index('users', [asc('openid')]),
  index('users', [asc('dealerId'), asc('role')]),
  index('users', [asc('role'), asc('status')]),
  index('dealers', [asc('status'), asc('_id')]),
  index('products', [asc('sku')], true),
  index('products', [asc('status'), asc('sku')]),
  index('stock', [asc('sku')]),
  // Stock rows with holds a submit has not settled yet (orders releaseHolds timer).
  index('stock', [asc('holding')]),
  index('accounts', [asc('holding')]),
  index('promotion_usage', [asc('dealerId')]),
  index('rebate_aggregates', [asc('dealerId'), asc('_id')]),
  index('rebate_targets', [asc('dealerId'), asc('period')]),
  index('rebate_settlements', [asc('dealerId'), desc('settledAt')]),
  index('rebate_settlements', [asc('dealerId'), asc('status'), asc('_id')]),
  index('rebate_settlements', [asc('period'), asc('status'), asc('_id')]),
  index('wecom_staff', [asc('clerkId'), asc('status')]),
  index('wecom_customers', [asc('relations.userId'), desc('createdAt')]),
  index('wecom_customers', [asc('relations.dealerId'), desc('createdAt')]),
  index('wecom_customers', [asc('relations.userId'), asc('_id')]),
  index('wecom_customers', [asc('unionid')]),
  index('wecom_jobs', [asc('status'), asc('nextAt')]),
  index('wecom_jobs', [asc('status'), asc('lockedUntil')]),
  // integration: the retry timer's due and stale deliveries, a subscription's dead ones (replayDead), the admin list.
  index('webhook_deliveries', [asc('status'), asc('nextAt')]),
  index('webhook_deliveries', [asc('status'), asc('lockedUntil')]),
  index('webhook_deliveries', [asc('subscriptionId'), asc('status')]),
  index('webhook_deliveries', [asc('status'), desc('createdAt')]),
  index('webhook_deliveries', [asc('partner'), asc('status'), desc('createdAt')]),
  index('webhook_deliveries', [asc('partner'), desc('createdAt')]),
  index('webhook_deliveries', [desc('createdAt')]),
  // openapi: orders since a cursor (updatedAt, _id); the cleanup timer's expired nonces and counters.
  index('orders', [asc('updatedAt'), asc('_id')]),
  index('api_nonces', [asc('expiresAt')]),
  index('api_rate', [asc('expiresAt')]),
  index('api_idempotency', [asc('expiresAt')]),
  index('campaigns', [desc('startAt')]),
  index('campaigns', [asc('status'), desc('startAt')]),
  index('campaign_codes', [asc('campaignId'), asc('clerkId')]),
  index('campaign_stats', [asc('campaignId'), asc('_id')]),
  index('campaign_tallies', [asc('campaignId'), asc('_id')]),
  index('campaign_leads', [asc('campaignId'), asc('mobile')]),
  // dealers: the review queue (a manager's regions / everything), an applicant's own, invitations of a dealer.
  index('dealer_applications', [asc('region'), asc('status'), asc('submittedAt')]),
  index('dealer_applications', [asc('status'), asc('submittedAt')]),
  index('dealer_applications', [asc('applicantOpenid'), desc('submittedAt')]),
  index('dealer_invitations', [asc('dealerId'), desc('createdAt')]),
  // dealers: screening's facts (a region's dealers of a level, a district's) and the managers' dealer list.
  index('dealers', [asc('region'), asc('level'), asc('status')]),
  index('dealers', [asc('districtCode'), asc('level'), asc('status')]),
  index('dealers', [asc('region'), asc('_id')]),
  // lifecycle offboarding: a dealer's open orders, its second-tier dealers, its WeCom members.
  index('orders', [asc('dealerId'), asc('status'), asc('_id')]),
  index('dealers', [asc('parentDealerId'), asc('_id')]),
  index('wecom_staff', [asc('dealerId'), asc('status')]),
  // lifecycle rating: one month's customers added and campaign codes made (aggregates matched by time).
  index('wecom_customers', [asc('createdAt')]),
  index('campaign_codes', [asc('createdAt')]),
  index('scorecards', [asc('dealerId'), desc('month')]),
  index('rebate_targets', [asc('period'), asc('_id')]),
  index('level_proposals', [asc('status'), desc('createdAt')]),
  // lifecycle scorecards: a page of dealers' campaign codes of the month.
  index('campaign_codes', [asc('dealerId'), asc('createdAt')]),
  // wecom push: a task's clerks (all, or one dealer's), the task list, the tasks still being followed, the 话术 library.
  index('wecom_push_sends', [asc('taskId'), asc('_id')]),
  index('wecom_push_sends', [asc('taskId'), asc('dealerId')]),
  index('wecom_push_tasks', [desc('createdAt')]),
  index('wecom_push_tasks', [asc('status'), desc('confirmedAt')]),
  index('wecom_scripts', [asc('status'), asc('campaignId')]),
  // wecom customerJourney: a customer's campaign events by their linked openids, and the content tasks' messages WeCom delivered to them.
  index('campaign_visits', [asc('openid'), desc('at')]),
  index('campaign_leads', [asc('openid'), desc('at')]),
  index('campaign_coupons', [asc('openid'), desc('issuedAt')]),
  index('wecom_push_sends', [asc('results.id')]),
  // campaigns.roi: a campaign's sharer codes and dealer budgets.
  index('campaign_codes', [asc('campaignId'), asc('_id')]),
  index('campaign_budgets', [asc('campaignId'), asc('_id')]),
  // enablement: the hub's list, a user's readings, a resource version's readers.
  index('enablement_resources', [asc('status'), desc('updatedAt')]),
  index('enablement_reads', [asc('userId'), asc('_id')]),
  index('enablement_reads', [asc('resourceId'), asc('version'), asc('_id')]),
  // insights: a manager's alert inbox, the admins' whole one, and a month's sales for the trends.
  index('insight_alerts', [asc('managerId'), asc('status'), desc('raisedAt')]),
  index('insight_alerts', [asc('status'), desc('raisedAt')]),
  index('insight_sales_monthly', [asc('month'), asc('region')]),
  // insights read actions: a span of months in some regions, every row (findAll pages by _id).
  index('insight_sales_monthly', [asc('month'), asc('region'), asc('_id')]),
  // insights: a manager's latest weekly brief.
  index('insight_briefs', [asc('managerId'), desc('week')]),
  // insights: a week's sales for the trends; a region's forecasts of a level; health lists by region (worst first) or all.
  index('insight_sales_weekly', [asc('week'), asc('region')]),
  // insights: the rows of the months and weeks a night (or the backfill) touches, paged by _id.
  index('insight_sales_monthly', [asc('month'), asc('_id')]),
  index('insight_sales_weekly', [asc('week'), asc('_id')]),
  index('insight_forecasts', [asc('level'), asc('region'), asc('_id')]),
  index('insight_forecasts', [asc('asOfMonth'), asc('_id')]),
  index('insight_health', [asc('region'), asc('score'), asc('_id')]),
  index('insight_health', [asc('score'), asc('_id')]),
  // erp: a delivery's sales order by its bill number, the pushes an admin must fix, the latest reconciliation.
  index('erp_orders', [asc('billNo')]),
  index('erp_orders', [asc('status'), desc('updatedAt')]),
  index('erp_applied', [asc('status'), desc('updatedAt')]),
  index('erp_reports', [desc('at')]),
  // insights nightly: the day's returns (their orders' periods lose what came back), and the payments and returns after a
  // judged day (to age the receivable as of then).
  index('returns', [asc('at'), asc('_id')]),
  index('payments', [asc('at'), asc('_id')]),
];

const q = (by: string, collection: CollectionName, equal: string[], sort: IndexField[] = [], range: string[] = []): QueryShape & { by: string } => ({
  by,
  collection,
  equal,
  range,
  sort,
});
const byId = [asc('_id')];

/**
 * The query patterns the functions make on collections that grow (orders, people, ledgers,
 * campaign traffic), by the action that makes them: what `npm run deploy -- --dry-run` checks
 * against INDEXES offline. The local cloud's check judges the queries actually sent, so a
 * pattern missing here still fails the function tests once its collection is large.
 */
export const QUERIES: ReadonlyArray<QueryShape & { by: string }> = [
  q('tier.incoming (a status)', 'tier_orders', ['supplierDealerId', 'status'], [desc('createdAt'), desc('_id')]),
  q('tier.incoming', 'tier_orders', ['supplierDealerId'], [desc('createdAt'), desc('_id')]),
  q('tier.outgoing (a status)', 'tier_orders', ['dealerId', 'status'], [desc('createdAt'), desc('_id')]),
  q('tier.outgoing', 'tier_orders', ['dealerId'], [desc('createdAt'), desc('_id')]),
  q('tier.sellThrough (findAll)', 'tier_orders', ['status'], byId, ['_id', 'deliveredAt']),
  q('rebates facts (sell-through in a campaign window)', 'tier_orders', ['supplierDealerId', 'status'], byId, ['_id', 'deliveredAt']),
  q('tier.recordPayment', 'tier_orders', ['orderNo']),
  q('tier.prices', 'tier_prices', ['dealerId'], byId),
  q('tier.stock', 'dealer_stock', ['dealerId'], byId),
  q('orders.list (dealer)', 'orders', ['dealerId'], [desc('createdAt'), desc('_id')]),
  q('orders.list (dealer, next page)', 'orders', ['dealerId', 'createdAt'], [desc('createdAt'), desc('_id')], ['_id']),
  q('orders.list (manager)', 'orders', ['dealerRegion', 'status'], [desc('createdAt'), desc('_id')]),
  q('orders.list (admin, a group)', 'orders', ['status'], [desc('createdAt'), desc('_id')]),
  q('orders.list (admin, all)', 'orders', [], [desc('createdAt'), desc('_id')]),
  q('orders.pendingApprovals (manager)', 'orders', ['dealerRegion', 'status'], [asc('createdAt')]),
  q('orders.pendingApprovals (admin)', 'orders', ['status'], [asc('createdAt')]),
  q('orders.pendingApprovals (dealer health: a region’s last 180 days)', 'orders', ['dealerRegion'], [desc('createdAt')], ['createdAt']),
  q('orders autoConfirm timer', 'orders', ['status'], [], ['fullyShippedAt']),
  q('orders autoComplete timer', 'orders', ['status'], [], ['deliveredAt']),
  q('orders releaseHolds timer', 'stock', [], [], ['holding']),
  q('orders releaseHolds timer', 'accounts', [], [], ['holding']),
  q('orders.statement', 'orders', ['dealerId'], byId, ['_id']),
  q('orders.statement', 'payments', ['dealerId'], byId, ['_id']),
  q('orders.payOrder (an order’s pay-ins)', 'wxpay_orders', ['orderId'], byId, ['_id']),
  q('integration (events not yet dispatched)', 'outbox', ['dispatched'], [asc('createdAt')]),
  q('orders.submit (first order count)', 'orders', ['dealerId']),
  q('rebates facts (deliveries in a period)', 'orders', ['dealerId'], byId, ['_id', 'deliveredAt']),
  q('rebates.wallet', 'wallet_entries', ['dealerId'], [desc('at'), desc('_id')]),
  q('rebates.settlements', 'rebate_settlements', ['dealerId'], [desc('settledAt')]),
  q('rebates.recordReturn', 'rebate_settlements', ['dealerId', 'status'], byId, ['_id']),
  q('aftersales.list (dealer)', 'return_requests', ['dealerId'], [desc('createdAt'), desc('_id')]),
  q('aftersales.list (manager)', 'return_requests', ['dealerRegion'], [desc('createdAt'), desc('_id')]),
  q('aftersales.list (admin, a status)', 'return_requests', ['status'], [desc('createdAt'), desc('_id')]),
  q('aftersales.list (admin, all)', 'return_requests', [], [desc('createdAt'), desc('_id')]),
  q('aftersales.list (an order)', 'return_requests', ['orderId'], [desc('createdAt')]),
  q('rebates.approveSettlements', 'rebate_settlements', ['period', 'status'], byId, ['_id']),
  q('rebates.checkAggregates', 'rebate_aggregates', ['dealerId'], byId, ['_id']),
  q('rebates closePeriods timer', 'dealers', ['status'], byId, ['_id']),
  q('every call (identity)', 'users', ['openid']),
  q('orders notifications', 'users', ['dealerId', 'role', 'status']),
  q('orders notifications', 'users', ['role', 'status']),
  q('orders.submit / pricing.quote', 'products', ['sku']),
  q('orders.submit / pricing.quote', 'stock', ['sku']),
  q('orders.submit / pricing.quote', 'promotion_usage', ['dealerId']),
  q('wecom.myCustomers', 'wecom_customers', ['relations.userId'], [desc('createdAt')]),
  q('wecom.myCustomers (dealer)', 'wecom_customers', ['relations.dealerId'], [desc('createdAt')]),
  q('wecom.transferCustomers', 'wecom_customers', ['relations.userId'], byId, ['_id']),
  q('wecom.linkMe', 'wecom_customers', ['unionid']),
  q('wecom processQueue timer', 'wecom_jobs', ['status'], [asc('nextAt')], ['nextAt']),
  q('wecom processQueue timer (stale)', 'wecom_jobs', ['status'], [], ['lockedUntil']),
  q('integration retry timer (due)', 'webhook_deliveries', ['status'], [asc('nextAt')], ['nextAt']),
  q('integration retry timer (stale)', 'webhook_deliveries', ['status'], [], ['lockedUntil']),
  q('integration.replayDead', 'webhook_deliveries', ['subscriptionId', 'status']),
  q('integration.deliveries (a status)', 'webhook_deliveries', ['status'], [desc('createdAt')]),
  q('integration.deliveries (a partner, a status)', 'webhook_deliveries', ['partner', 'status'], [desc('createdAt')]),
  q('integration.deliveries (a partner)', 'webhook_deliveries', ['partner'], [desc('createdAt')]),
  q('integration.deliveries (all)', 'webhook_deliveries', [], [desc('createdAt')]),
  q('openapi GET /v1/orders', 'orders', [], [asc('updatedAt'), asc('_id')], ['updatedAt']),
  q('openapi cleanup timer (nonces)', 'api_nonces', [], [], ['expiresAt']),
  q('openapi cleanup timer (counters)', 'api_rate', [], [], ['expiresAt']),
  q('openapi cleanup timer (idempotency keys)', 'api_idempotency', [], [], ['expiresAt']),
  q('campaigns.funnel', 'campaign_stats', ['campaignId', 'dealerId'], byId),
  q('campaigns.funnel (tallies still to add)', 'campaign_tallies', ['campaignId'], byId),
  q('dealers.reviewQueue (manager)', 'dealer_applications', ['region', 'status'], [asc('submittedAt')]),
  q('dealers.reviewQueue (admin)', 'dealer_applications', ['status'], [asc('submittedAt')]),
  q('dealers.myApplication', 'dealer_applications', ['applicantOpenid'], [desc('submittedAt')]),
  q('dealers.get (invitations)', 'dealer_invitations', ['dealerId'], [desc('createdAt')]),
  q('dealers screening (region quota)', 'dealers', ['region', 'level', 'status']),
  q('dealers screening (district)', 'dealers', ['districtCode', 'level', 'status']),
  q('dealers.list (manager)', 'dealers', ['region'], byId),
  q('dealers.list (admin)', 'dealers', [], byId),
  q('dealers.get (staff)', 'users', ['dealerId']),
  q('lifecycle offboarding (open orders)', 'orders', ['dealerId', 'status'], byId, ['_id']),
  q('lifecycle offboarding (children)', 'dealers', ['parentDealerId'], byId, ['_id']),
  q('lifecycle offboarding (WeCom members)', 'wecom_staff', ['dealerId', 'status']),
  q('lifecycle.scorecard', 'scorecards', ['dealerId'], [desc('month')]),
  q('lifecycle.computeScorecards (a page of active dealers)', 'dealers', ['status'], byId, ['_id']),
  q('lifecycle.computeScorecards (last month’s ratings)', 'scorecards', ['dealerId', 'month']),
  q('lifecycle.computeScorecards (orders placed)', 'orders', ['dealerId'], [], ['createdAt']),
  q('lifecycle.computeScorecards (deliveries)', 'rebate_aggregates', ['dealerId', 'period']),
  q('lifecycle.computeScorecards (targets)', 'rebate_targets', ['dealerId', 'period']),
  q('lifecycle.computeScorecards (campaign codes)', 'campaign_codes', ['dealerId'], [], ['createdAt']),
  q('lifecycle.computeScorecards (customers added)', 'wecom_customers', ['relations.dealerId'], [], ['createdAt']),
  q('lifecycle.proposals', 'level_proposals', ['status'], [desc('createdAt')]),
  q('enablement.resources', 'enablement_resources', ['status'], [desc('updatedAt')]),
  q('enablement.resources (my readings)', 'enablement_reads', ['userId'], byId, ['_id']),
  q('enablement.unread', 'enablement_reads', ['resourceId', 'version'], byId, ['_id']),
  q('wecom.contactWay', 'campaign_codes', ['campaignId', 'clerkId']),
  q('wecom.pushPlan (customers of the clerks)', 'wecom_customers', ['relations.userId'], byId, ['_id']),
  q('wecom.pushTask', 'wecom_push_sends', ['taskId'], byId, ['_id']),
  q('wecom.pushTask (dealer)', 'wecom_push_sends', ['taskId', 'dealerId']),
  q('wecom.pushTasks', 'wecom_push_tasks', [], [desc('createdAt')]),
  q('wecom.pushTasks (dealer)', 'wecom_push_tasks', ['status'], [desc('confirmedAt')]),
  q('wecom refreshPush timer', 'wecom_push_tasks', ['status'], [desc('confirmedAt')], ['confirmedAt']),
  q('wecom.scripts', 'wecom_scripts', ['status']),
  q('wecom.customerJourney (visits)', 'campaign_visits', ['openid'], [desc('at')]),
  q('wecom.customerJourney (lead)', 'campaign_leads', ['openid'], [desc('at')]),
  q('wecom.customerJourney (coupons)', 'campaign_coupons', ['openid'], [desc('issuedAt')]),
  q('wecom.customerJourney (messages)', 'wecom_push_sends', ['results.id']),
  q('campaigns.roi (codes)', 'campaign_codes', ['campaignId'], byId),
  q('campaigns.roi (budgets)', 'campaign_budgets', ['campaignId'], byId),
  q('campaigns.roi (sell-in)', 'orders', ['dealerId'], byId, ['createdAt']),
  q('campaigns purgeLeadMobiles timer', 'campaigns', ['status']),
  q('campaigns purgeLeadMobiles timer', 'campaign_leads', ['campaignId', 'mobile']),
];

/**
 * Whole-collection scans accepted on purpose, each with why: a query whose only condition is on
 * `filter` (no equality, range or sort) is let through. Keep this list short.
 */
export const ACCEPTED_SCANS: ReadonlyArray<{ by: string; filter: string; why: string }> = [
  {
    by: 'admin.setup',
    filter: '_openid',
    why: 'run by hand from the console once per environment, it counts client-written documents in every collection; with the server-only rules the deploy sets there are none to find',
  },
];

/** The declared indexes of one collection. */
export function indexesOf(collection: string, indexes: readonly IndexSpec[] = INDEXES): IndexSpec[] {
  return indexes.filter((i) => i.collection === collection);
}

/** A point lookup or a walk of the built-in `_id` index. */
const ID_INDEX: readonly IndexField[] = [asc('_id')];

/**
 * Whether an index with these fields serves a query of this shape: it begins with some of the
 * query's equality fields (at least one when the query has any; the rest filter what the index
 * found), then carries the sort in order (all fields in the index's direction or all reversed;
 * a sort field pinned by equality may be skipped). A query with no equality field needs its sort
 * — or, unsorted, one of its range fields — to lead the index. Otherwise the database scans the
 * collection (or sorts every match in memory), which on a large collection is the crawl.
 */
export function serves(fields: readonly IndexField[], shape: QueryShape): boolean {
  const equal = new Set(shape.equal);
  let i = 0;
  while (i < fields.length && equal.has(fields[i]!.field)) i++;
  const prefix = i;
  // Sorting by a field pinned to one value orders nothing.
  const sort = shape.sort.filter((s) => !equal.has(s.field));
  if (sort.length > 0) {
    if (equal.size > 0 && prefix === 0) return false;
    let direction: boolean | null = null;
    for (const s of sort) {
      const f = fields[i];
      if (!f || f.field !== s.field) return false;
      const same = f.order === s.order;
      if (direction === null) direction = same;
      else if (direction !== same) return false;
      i++;
    }
    return true;
  }
  if (prefix > 0) return true;
  return equal.size === 0 && fields.length > 0 && shape.range.includes(fields[0]!.field);
}

/**
 * The index that serves a query, or null: `_id` by equality is always served (one document, or a
 * few), as is a walk of `_id` alone, and the scans of ACCEPTED_SCANS.
 */
export function servingIndex(shape: QueryShape, indexes: readonly IndexSpec[] = INDEXES): IndexSpec | '_id' | 'accepted-scan' | null {
  if (shape.equal.includes('_id')) return '_id';
  const onlyFilter = shape.equal.length === 0 && shape.range.length === 0 && shape.sort.length === 0 && (shape.filter ?? []).length > 0;
  if (onlyFilter && shape.filter!.every((f) => ACCEPTED_SCANS.some((a) => a.filter === f))) return 'accepted-scan';
  for (const idx of indexesOf(shape.collection, indexes)) if (serves(idx.fields, shape)) return idx;
  return serves(ID_INDEX, shape) ? '_id' : null;
}

/** The index a query of this shape would need: its equality fields, then its sort (or first range field). */
export function indexNeeded(shape: QueryShape): IndexField[] {
  const fields = [...shape.equal].sort().map(asc);
  const tail = shape.sort.length > 0 ? shape.sort.filter((s) => !shape.equal.includes(s.field)) : shape.range.slice(0, 1).map(asc);
  return [...fields, ...tail];
}

/** A query shape as one line: `orders where {dealerId=, createdAt<>, remark?} orderBy createdAt desc` (= seeks, <> bounds, ? only filters). */
export function describeShape(shape: QueryShape): string {
  const where = [...shape.equal.map((f) => `${f}=`), ...shape.range.map((f) => `${f}<>`), ...(shape.filter ?? []).map((f) => `${f}?`)].join(', ');
  const sort = shape.sort.length > 0 ? ` orderBy ${shape.sort.map((s) => `${s.field} ${s.order}`).join(', ')}` : '';
  return `${shape.collection} where {${where}}${sort}`;
}

/** An index as `{dealerId: 1, createdAt: -1}`. */
export function describeIndex(fields: readonly IndexField[]): string {
  return `{${fields.map((f) => `${f.field}: ${f.order === 'asc' ? 1 : -1}`).join(', ')}}`;
}
