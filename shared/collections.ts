/**
 * Every collection of the cloud database. Deploying to a new environment creates exactly
 * these (`npm run cloud -- admin '{"action":"setup"}'` locally, or the console by hand).
 */
export const COLLECTIONS = [
  'users',
  'dealers',
  'categories',
  'products',
  'warehouses',
  'stock',
  'orders',
  'audit_log',
  /** Bookkeeping of the environment itself, e.g. the demo-data marker `seed` written by mocks/seed. */
  'system',
  /** Price lists, contract prices, tiers and promotions: one document per rule, _id = rule id. */
  'price_rules',
  /** Order numbers taken (_id = the orderNo, e.g. SO20261015123456 → orderId): inserted in the submit transaction, so no two orders share one. */
  'order_numbers',
  /** Per dealer per limited promotion: how many orders used it (_id = dealerId:ruleId). */
  'promotion_usage',
  /** Approval rules of orders (shared/orders/approval): one document per rule, _id = rule id. */
  'approval_rules',
  /** Per dealer (_id = dealer id): receivable, credit reserved by open orders, rebate balance; fen. */
  'accounts',
  /** Payments received from dealers (回款), fen. */
  'payments',
  /** WeChat Pay pay-ins started by dealers (_id = the outTradeNo given to cloud payment), with their refunds (shared/payments/wxpay). */
  'wxpay_orders',
  /** Domain events written in the transaction of their change (shared/integration/outbox), _id derived from type, subject and the change: the webhook worker's queue. */
  'outbox',
  /** Every stock change that is not an order's (received, adjusted, levels from the ERP), _id derived from its source so a retry writes one (cloudfunctions/_capabilities/stock-levels.ts). */
  'stock_movements',
  /** Rebate policies (shared/rebates/policies): one document per policy, _id = policy id. */
  'rebate_policies',
  /** Per dealer per Asia/Shanghai month: net delivered goods (_id = dealerId:YYYY-MM), updated with each delivery or return. */
  'rebate_aggregates',
  /** Per first-tier dealer per Asia/Shanghai month, quarter and year: net sell-through (its two-tier orders delivered to its children), _id = dealerId:period; read by sell_through rebate policies. */
  'rebate_st_aggregates',
  /** Per-dealer targets of target-attainment policies (_id = policyId:dealerId:period), fen. */
  'rebate_targets',
  /** Settlement records of closed periods (_id = policyId:dealerId:period); the trace renders from record + policy version. */
  'rebate_settlements',
  /** Every policy version a settlement was computed with (_id = SHA-256 of the policy's canonical JSON). */
  'rebate_policy_versions',
  /** The rebate wallet ledger: signed entries, _id deterministic from the source. */
  'wallet_entries',
  /** Goods returned after delivery, with the rebate claw-backs they caused. */
  'returns',
  /** Return requests (退货申请) with their timeline, _id = the request id (shared/returns); credited ones are also recorded in `returns`. */
  'return_requests',
  /** WeCom customers (外部联系人), brand-owned, _id = external_userid; relations per clerk (shared/wecom/customer). */
  'wecom_customers',
  /** WeCom work queue: every received contact event (_id = hash of the event: the de-duplication key; it keeps the signed request that brought it, to refuse replays) and follow-up API work, retried with backoff. */
  'wecom_jobs',
  /** WeCom members who serve customers (_id = WeCom userid) → clerk user id and dealer. */
  'wecom_staff',
  /** Corporate customer tags known to exist (_id = hash of group/name) → WeCom tag id. */
  'wecom_tags',
  /** 「联系我」 codes made with add_contact_way, one per campaign code and WeCom member (_id = cw:<code>:<userid>). */
  'wecom_contact_ways',
  /** Clerk departure hand-overs: one document per run with every customer's outcome. */
  'wecom_transfers',
  /** unionid → mini-program openids seen with it (_id = unionid), linking customers to what they buy. */
  'wecom_links',
  /** 总部一键下发 content tasks (_id = pt-…); their per-clerk parts (_id = taskId:userid); each customer's mass messages per WeCom budget window (_id = external_userid:window); the clerks' 话术 (_id = sc-…). */
  'wecom_push_tasks',
  'wecom_push_sends',
  'wecom_push_budget',
  'wecom_scripts',
  /** Subscription-message grants per user and template (_id = openid:template): how many messages each still accepts (cloudfunctions/_capabilities/subscriptions.ts). */
  'subscriptions',
  /** Campaign kits of the material centre (shared/campaigns): _id = kit id. */
  'campaigns',
  /** Share codes: _id = the code (campaign + dealer + sharer), derived so concurrent requests make one. */
  'campaign_codes',
  /** One consumer in one campaign (_id = campaignId:openid): first touch and coupon. */
  'campaign_visitors',
  /** Visits, once per consumer per code per Shanghai day (_id = code:day:openid). */
  'campaign_visits',
  /** Leads left on landing pages (_id = campaignId:openid). */
  'campaign_leads',
  /** Coupons issued with leads (_id = coupon code); redeemed once. */
  'campaign_coupons',
  /** Funnel counters per campaign per code per day (_id = campaignId:code:day), updated with each event. */
  'campaign_stats',
  /** A lead's counts committed and not yet in campaign_stats (_id = lead:campaignId:openid); removed once added there. */
  'campaign_tallies',
  /** A dealer's own budget for a campaign (_id = campaignId:dealerId), fen: a cost of that dealer in the campaign's ROI. */
  'campaign_budgets',
  /** Dealer applications (申请加盟, shared/admission): _id server-made; the form, its screening and the decision. */
  'dealer_applications',
  /** Per 统一社会信用代码 (_id = the code): the open application holding it, so there is one at a time. */
  'credit_codes',
  /** Credit codes the brand will not admit (_id = the code). */
  'dealer_blacklist',
  /** Invitations binding a WeChat account to a dealer as owner, buyer or clerk (_id = the random code). */
  'dealer_invitations',
  /** The admission rule set screening uses (_id = 'current') and every saved version (_id = 'v<n>'). */
  'admission_rule_sets',
  /** Enablement hub resources (shared/enablement): _id = resource id; each change of its file or text is a new version. */
  'enablement_resources',
  /** Readings, once per user per resource version (_id = resourceId:version:userId): a re-open records nothing new. */
  'enablement_reads',
  /** Monthly dealer scorecards (shared/rating): _id = dealerId:YYYY-MM, recomputed to the same figures from the same data. */
  'scorecards',
  /** Level-change proposals a rating made (_id = dealerId:YYYY-MM), applied only when a manager approves. */
  'level_proposals',
  /** Dealer offboardings (shared/offboarding): _id = dealer id, the resumable steps and their outcomes. */
  'offboardings',
  /** A month's scoring run (_id = YYYY-MM): the cursor that lets the next invocation go on where one stopped. */
  'scorecard_runs',
  /** Insight sales by month × region × category × SKU × dealer (shared/insights/stored), merged a day at a time. */
  'insight_sales_monthly',
  /** Insight alerts (_id = alert key) with the manager they went to and how they were handled. */
  'insight_alerts',
  /** Weekly briefs of the 问渠道 assistant per manager (_id = managerId:week, shared/insights/ai/answer). */
  'insight_briefs',
  /** Insight sales by ISO week (Monday, Asia/Shanghai) × region × category × SKU × dealer, net of returns, merged a day at a time. */
  'insight_sales_weekly',
  /** Latest 3-month forecasts per region × category and region × SKU with their backtest MASE (_id = level|region|key). */
  'insight_forecasts',
  /** Latest dealer health, scored nightly (_id = dealer id). */
  'insight_health',
  /** 问渠道's rate limit: each user's latest question times (_id = users._id, shared/insights/ai/rate). */
  'insight_ask_usage',
  /** Partners' webhook endpoints (shared/integration/webhooks), _id = partner.<hash of the URL>; the secret only sealed with the function's key. */
  'webhook_subscriptions',
  /** One event to one subscription, _id = <eventId>:<subscriptionId> (planning twice makes one), with its attempts, lease and outcome. */
  'webhook_deliveries',
  /** Open API credentials (shared/openapi/types), _id = pk_<hex>; the secret only sealed with the function's key. */
  'partner_keys',
  /** Open API nonces seen within the signature window (_id = <keyId>:<hash>), removed by the openapi cleanup timer. */
  'api_nonces',
  /** Open API per-key request counters, one per minute (_id = <keyId>:<minute>). */
  'api_rate',
  /** Open API writes applied once (_id = hash of partner, kind and the partner's id), with their answer. */
  'api_writes',
  /** Open API Idempotency-Key answers per partner (_id = hash of partner and key), kept 24 h, removed by the cleanup timer. */
  'api_idempotency',
  /** ERP connector mappings (shared/erp): our SKU / dealer / warehouse ↔ Kingdee's number, _id = <kind>:<ourId>. */
  'erp_mappings',
  /** Each order's push to Kingdee as a sales order (_id = order id): its bill number, or the error an admin must fix. */
  'erp_orders',
  /** Kingdee deliveries and receipts applied here (_id = <form>:<bill number>), written with the change they made: applied once. */
  'erp_applied',
  /** Where each Kingdee pull feed has read to (_id = feed). */
  'erp_cursors',
  /** Daily reconciliations with Kingdee (_id = Shanghai day), each difference listed. */
  'erp_reports',
  /** 二级分销 (docs/two-tier.md): a first-tier's sub-dealer prices (_id = <first-tier>:<sku>). */
  'tier_prices',
  /** A first-tier's own stock (_id = <first-tier>:<sku>): onHand, reserved by its children's open orders. */
  'dealer_stock',
  /** Each change of a first-tier's stock, _id derived from its cause (recv:/ship:/adj:…): written once. */
  'dealer_stock_entries',
  /** Second-tier dealers' orders to their first-tier (_id = t-<child>-<clientOrderId>), kept apart from the brand's orders. */
  'tier_orders',
] as const;

export type CollectionName = (typeof COLLECTIONS)[number];
