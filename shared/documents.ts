import type {
  CampaignCodeDoc,
  CampaignCouponDoc,
  CampaignDoc,
  CampaignLeadDoc,
  CampaignStatsDoc,
  CampaignTallyDoc,
  CampaignVisitDoc,
  CampaignVisitorDoc,
} from './campaigns/types';
import type { CollectionName } from './collections';
import type { SettlementStatus } from './contracts/rebates';
import type { AccountDoc, CategoryDoc, DealerDoc, OrderDoc, PaymentDoc, ProductDoc, StockDoc, UserDoc, WarehouseDoc } from './models';
import type { WxpayOrderDoc } from './payments/wxpay';
import type { ApprovalRule } from './orders/approval';
import type { NotifyTemplate } from './orders/types';
import type { Rule } from './pricing';
import type { DeliveryAggregate, RebatePolicy, SettlementRecord, WalletEntry } from './rebates';
import type { CustomerRecord } from './wecom/customer';
import type { PushBudgetDoc, PushSendDoc, PushTaskDoc, ScriptDoc } from './wecom/push-docs';
import type { InsightAlertDoc, InsightForecastDoc, InsightHealthDoc, InsightSalesDoc, InsightWeeklySalesDoc } from './insights/stored';
import type { InsightBriefDoc } from './insights/ai/answer';
import type { AskUsageDoc } from './insights/ai/rate';
import type { ApplicationDoc, BlacklistDoc, CreditCodeDoc, InvitationDoc } from './admission/stored';
import type { AdmissionRuleSetDoc } from './admission/rule-set';
import type { EnablementReadDoc, EnablementResourceDoc } from './enablement/types';
import type { OutboxEventDoc } from './integration/outbox';
import type { OffboardingDoc } from './offboarding/types';
import type { WebhookDeliveryDoc, WebhookSubscriptionDoc } from './integration/webhooks';
import type { ApiIdempotencyDoc, ApiNonceDoc, ApiRateDoc, ApiWriteDoc, PartnerKeyDoc } from './openapi/types';
import type { LevelProposalDoc, ScorecardDoc, ScorecardRunDoc } from './rating/types';
import type { ErpAppliedDoc, ErpCursorDoc, ErpMappingDoc, ErpOrderDoc, ErpReportDoc } from './erp/types';
import type { ReturnRequest } from './returns/types';
import type { DealerStockDoc, DealerStockEntryDoc, TierOrderDoc, TierPriceDoc } from './tier/types';

export type { OutboxEventDoc };

/**
 * What each collection stores: one home per stored type, so `db.getById('orders', id)` is typed
 * without a cast and a newcomer finds a document's shape in one hop. The shapes that belong to a
 * domain module (orders, campaigns, rebate aggregates, WeCom customers) stay there and are named
 * here; the rest, which only the functions' storage needs, are declared here.
 */

/** An admin-edited rule as stored (price_rules, approval_rules, rebate_policies): the rule and who last changed it. */
interface Edited<R> {
  code: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
  rule: R;
}

/** A price rule as stored in `price_rules` (_id = rule id). */
export type RuleDoc = Edited<Rule>;

/** An approval rule as stored in `approval_rules` (_id = rule id). */
export type ApprovalRuleDoc = Edited<ApprovalRule>;

/** A rebate policy as stored in `rebate_policies` (_id = policy id). */
export type PolicyDoc = Omit<Edited<never>, 'rule'> & { policy: RebatePolicy };

/** A policy version settlements name (`rebate_policy_versions`, _id = SHA-256 of its canonical JSON). */
export interface PolicyVersionDoc {
  policy: RebatePolicy;
  savedAt: number;
}

/** A per-dealer target of a target-attainment policy (`rebate_targets`, _id = policyId:dealerId:period), fen. */
export interface RebateTargetDoc {
  policyId: string;
  dealerId: string;
  period: string;
  amount: number;
  updatedAt: number;
  updatedBy: string;
}

/** A stored settlement: the engine's record and where it stands (`rebate_settlements`). */
export interface SettlementDoc {
  record: SettlementRecord;
  policyName: string;
  status: SettlementStatus;
  creditedAt: number | null;
  /**
   * Set when approval credited less than the period first settled at, because goods of the
   * period came back after it closed: the record is then the recomputation, and this is what
   * the close had settled.
   */
  previous?: { amount: number; basis: number; inputsDigest: string };
  recomputedAt?: number;
}

/** A rebate wallet ledger entry (`wallet_entries`, _id deterministic from its source). */
export type WalletEntryDoc = Omit<WalletEntry, 'id'>;

/** A recorded return (`returns`, _id = returnId). */
export interface ReturnDoc {
  orderId: string;
  orderNo: string;
  dealerId: string;
  /** Each line with the payable it took back (fen) and the warehouse it was restocked in. */
  lines: Array<{ sku: string; qty: number; amount: number; warehouseId: string }>;
  /** Fen taken off the dealer's receivable (a credit line on the statement). */
  amount: number;
  reason: string;
  /** When it was recorded (the statement's date); the rebate periods use the delivery's date. */
  at: number;
  by: string;
  /** The request as asked, to tell a retry from another return under the same id. */
  request: { orderId: string; lines: Array<{ sku: string; qty: number }>; reason: string; warehouseId: string | null };
  clawbacks?: Array<{ settlementId: string; amount: number }>;
}

/** An order number taken (`order_numbers`, _id = the number). */
export interface OrderNumberDoc {
  orderId: string;
  dealerId: string;
  at: number;
}

/** How many orders of a dealer used a limited promotion (`promotion_usage`, _id = dealerId:ruleId). */
export interface PromotionUsageDoc {
  dealerId: string;
  ruleId: string;
  count: number;
  updatedAt: number;
}

/** A user's grants of one subscription-message template (`subscriptions`, _id = openid:template). */
export interface SubscriptionDoc {
  openid: string;
  template: NotifyTemplate;
  /** Messages of this template the user still accepts: one per 允许, one used by each send. */
  remaining: number;
  updatedAt: number;
}

/** One audit entry (`audit_log`), appended in the transaction that made the change. */
export interface AuditEntry {
  /** What was done, e.g. pricing.upsertRule. */
  action: string;
  /** The document it concerned: collection and id. */
  target: { coll: string; id: string };
  actorId: string;
  at: number;
  before: unknown;
  after: unknown;
  reason?: string;
}

/** Bookkeeping of the environment (`system`): configuration versions, the demo-data marker. */
export interface SystemDoc {
  version?: number;
  [field: string]: unknown;
}

/** The kinds of work in the WeCom queue. */
export const JOB_KINDS = ['apply_event', 'sync_contact', 'tag_relation', 'transfer_check', 'customer_handover', 'push_create', 'push_moment_result'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

/** A WeCom queue job (`wecom_jobs`): a received event or the API work it caused. */
export interface JobDoc {
  kind: JobKind;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  /** Epoch ms: not before. */
  nextAt: number;
  /** Epoch ms: a running job whose lock passed is taken over (its instance died). */
  lockedUntil: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  doneAt: number | null;
  /** What the job did, for the log and the tests. */
  result: unknown;
}

/** A staff directory entry (`wecom_staff`, _id = WeCom userid): a WeCom member and who they are here. */
export interface StaffDoc {
  /** users._id of the clerk. */
  clerkId: string;
  dealerId: string | null;
  name: string;
  status: 'active' | 'resigned';
  updatedAt: number;
}

/** A corporate customer tag known to exist (`wecom_tags`, _id = hash of group/name). */
export interface TagCacheDoc {
  group: string;
  name: string;
  tagId: string;
  groupId: string;
  updatedAt: number;
}

/** A 「联系我」 code (`wecom_contact_ways`, _id = cw:<code>:<userid>). */
export interface ContactWayDoc {
  status: 'creating' | 'ready';
  /** When the maker claimed it (creating) or finished (ready). */
  at: number;
  campaignId: string;
  code: string;
  userId: string;
  clerkId: string;
  configId: string | null;
  qrCode: string | null;
}

/** A clerk departure hand-over run (`wecom_transfers`). */
export interface TransferRunDoc {
  at: number;
  by: string;
  [field: string]: unknown;
}

/** A dealer's own budget for a campaign (`campaign_budgets`, _id = campaignId:dealerId), fen. */
export interface CampaignBudgetDoc {
  campaignId: string;
  dealerId: string;
  budgetFen: number;
  updatedAt: number;
  updatedBy: string;
}

/** unionid → the mini-program openids seen with it (`wecom_links`, _id = unionid). */
export interface WecomLinkDoc {
  openids: string[];
  updatedAt: number;
}

/**
 * One stock change that is not an order's (`stock_movements`, _id derived from its source: the receipt's
 * ref, the adjustment's ref, the level's version), so stock never changes without a trace.
 */
export interface StockMovementDoc {
  kind: 'receive' | 'adjust' | 'level';
  sku: string;
  warehouseId: string;
  /** Change of onHand, base units (signed). */
  delta: number;
  onHandBefore: number;
  onHandAfter: number;
  /** Reserved by open orders at the time (never changed by a movement). */
  reserved: number;
  /** The caller's reference (receipt number, ERP message id) or, for a level, the ERP's version. */
  ref: string;
  reason: string;
  /** Who sent it: 'admin', 'erp', 'openapi'. */
  source: string;
  /** A level's version (kind 'level'). */
  version?: number;
  at: number;
}

/** The document type of every collection. */
export interface CollectionDocs {
  users: UserDoc;
  dealers: DealerDoc;
  categories: CategoryDoc;
  products: ProductDoc;
  warehouses: WarehouseDoc;
  stock: StockDoc;
  orders: OrderDoc;
  audit_log: AuditEntry;
  system: SystemDoc;
  price_rules: RuleDoc;
  order_numbers: OrderNumberDoc;
  promotion_usage: PromotionUsageDoc;
  approval_rules: ApprovalRuleDoc;
  accounts: AccountDoc;
  payments: PaymentDoc;
  wxpay_orders: WxpayOrderDoc;
  rebate_policies: PolicyDoc;
  outbox: OutboxEventDoc;
  stock_movements: StockMovementDoc;
  rebate_aggregates: DeliveryAggregate;
  rebate_st_aggregates: DeliveryAggregate;
  rebate_targets: RebateTargetDoc;
  rebate_settlements: SettlementDoc;
  rebate_policy_versions: PolicyVersionDoc;
  wallet_entries: WalletEntryDoc;
  returns: ReturnDoc;
  return_requests: Omit<ReturnRequest, 'id'>;
  wecom_customers: CustomerRecord;
  wecom_jobs: JobDoc;
  wecom_staff: StaffDoc;
  wecom_tags: TagCacheDoc;
  wecom_contact_ways: ContactWayDoc;
  wecom_transfers: TransferRunDoc;
  wecom_links: WecomLinkDoc;
  wecom_push_tasks: PushTaskDoc;
  wecom_push_sends: PushSendDoc;
  wecom_push_budget: PushBudgetDoc;
  wecom_scripts: ScriptDoc;
  subscriptions: SubscriptionDoc;
  campaigns: CampaignDoc;
  campaign_codes: CampaignCodeDoc;
  campaign_visitors: CampaignVisitorDoc;
  campaign_visits: CampaignVisitDoc;
  campaign_leads: CampaignLeadDoc;
  campaign_coupons: CampaignCouponDoc;
  campaign_stats: CampaignStatsDoc;
  campaign_tallies: CampaignTallyDoc;
  campaign_budgets: CampaignBudgetDoc;
  dealer_applications: ApplicationDoc;
  credit_codes: CreditCodeDoc;
  dealer_blacklist: BlacklistDoc;
  dealer_invitations: InvitationDoc;
  admission_rule_sets: AdmissionRuleSetDoc;
  enablement_resources: EnablementResourceDoc;
  enablement_reads: EnablementReadDoc;
  scorecards: ScorecardDoc;
  level_proposals: LevelProposalDoc;
  offboardings: OffboardingDoc;
  scorecard_runs: ScorecardRunDoc;
  insight_sales_monthly: InsightSalesDoc;
  insight_alerts: InsightAlertDoc;
  insight_briefs: InsightBriefDoc;
  insight_sales_weekly: InsightWeeklySalesDoc;
  insight_forecasts: InsightForecastDoc;
  insight_health: InsightHealthDoc;
  insight_ask_usage: AskUsageDoc;
  erp_mappings: ErpMappingDoc;
  erp_orders: ErpOrderDoc;
  erp_applied: ErpAppliedDoc;
  erp_cursors: ErpCursorDoc;
  erp_reports: ErpReportDoc;
  tier_prices: TierPriceDoc;
  dealer_stock: DealerStockDoc;
  dealer_stock_entries: DealerStockEntryDoc;
  tier_orders: TierOrderDoc;
  webhook_subscriptions: WebhookSubscriptionDoc;
  webhook_deliveries: WebhookDeliveryDoc;
  partner_keys: PartnerKeyDoc;
  api_nonces: ApiNonceDoc;
  api_rate: ApiRateDoc;
  api_writes: ApiWriteDoc;
  api_idempotency: ApiIdempotencyDoc;
}

/** The document type stored in collection C. */
export type DocOf<C extends CollectionName> = CollectionDocs[C];

/** Compile-time proof that every collection has a document type (a new name in COLLECTIONS fails here until typed). */
type Untyped = Exclude<CollectionName, keyof CollectionDocs>;
export type EveryCollectionTyped = [Untyped] extends [never] ? true : { untyped: Untyped };
export const EVERY_COLLECTION_TYPED: EveryCollectionTyped = true;
