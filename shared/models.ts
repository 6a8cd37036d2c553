import type { Address, Order } from './orders';
import type { Role } from './roles';

/**
 * Stored shapes of the core collections. Money is integer fen, quantities are base units (件),
 * times are epoch milliseconds (UTC) unless a field says otherwise.
 */
export interface UserDoc {
  openid: string;
  name: string;
  role: Role;
  /** The dealer a dealer owner or a store clerk belongs to; null for brand staff. */
  dealerId: string | null;
  mobile: string | null;
  status: 'active' | 'disabled';
  /** Regions a channel manager looks after. */
  regions?: string[];
  /** A dealer's people: its owner, a buyer or a clerk (set by the invitation they opened). */
  staffRole?: 'owner' | 'buyer' | 'clerk';
  createdAt: number;
}

export interface DealerDoc {
  name: string;
  code: string;
  level: string;
  region: string;
  city: string;
  parentDealerId: string | null;
  contactName: string;
  contactMobile: string;
  /** Credit limit in fen. */
  creditLimit: number;
  /** Days after delivery a receivable falls due (账期); absent: the brand's default. */
  paymentTermDays?: number;
  /** 统一社会信用代码 and GB/T 2260 district of a dealer admitted through an application. */
  creditCode?: string;
  districtCode?: string;
  /** The shop consumers visit (coupon page, posters): street address and GCJ-02 position. */
  store?: { address: string; latitude: number; longitude: number };
  /** 代客下单无需确认: the dealer lets its channel manager's proxy orders take effect without its confirmation (absent: confirm each). */
  proxyOrdersAuthorised?: boolean;
  /** 二级分销 (dealers.setTwoTier): this first-tier's children order through it, priced within these bounds (shared/contracts/tier). */
  twoTier?: { enabled: boolean; floorBp: number; ceilBp: number; updatedAt: number };
  status: 'active' | 'suspended';
  joinedAt: number;
}

export interface CategoryDoc {
  name: string;
  parentId: string | null;
  sort: number;
}

export interface PackUnit {
  /** Display name, e.g. 箱. */
  name: string;
  /** Base units (件) per one of this unit. */
  factor: number;
}

export interface ProductDoc {
  sku: string;
  name: string;
  categoryId: string;
  spec: string;
  /** List price per base unit, fen. */
  listPrice: number;
  baseUnit: string;
  packUnits: PackUnit[];
  /** Minimum order quantity in base units. */
  moq: number;
  /** Order quantity must be a multiple of this (base units). */
  multiple: number;
  status: 'on_sale' | 'off_sale';
  /** Empty: visible to all. Otherwise the levels / regions / dealer ids that may see it. */
  visibility: { levels: string[]; regions: string[]; dealerIds: string[] };
  image: string | null;
  /** The version of the last price/visibility change from a partner system (open API): an older one does not overwrite it. */
  termsVersion?: number;
}

export interface WarehouseDoc {
  name: string;
  city: string;
  regions: string[];
}

export interface StockDoc {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  /**
   * Holds of submits not settled yet, by a key derived from the order id (orders submit/holds):
   * already counted in `reserved`; cleared when the order is committed, released when it is not.
   */
  holds?: Record<string, { orderId: string; qty: number; at: number; by: string }>;
  /** How many entries `holds` has (the releaseHolds timer finds rows by it). */
  holding?: number;
  /** The version of the last absolute level applied (setStockLevel): an older one is ignored. */
  levelVersion?: number;
}

/**
 * An order as stored in `orders` (_id = the order id): the state machine's Order (shared/orders)
 * without `id`, plus what the orders function keeps beside it. Seeded history (`source: 'seed'`)
 * has exactly the same shape, built with newOrder + decide.
 */
export type OrderDoc = Omit<Order, 'id'> & {
  /** The client's idempotency key of the submit (seeded orders: `seed-<_id>`). */
  clientOrderId: string;
  /**
   * SHA-256 (hex) of the canonical JSON of the submit's input: a second submit with the same
   * clientOrderId is a replay only when its digest is the same (absent on seeded orders).
   */
  requestDigest?: string;
  /** The dealer as it was when the order was placed (kept for lists and managers' region filter). */
  dealerName: string;
  dealerLevel: string;
  dealerRegion: string;
  /** Delivery address; null only for orders placed without one. */
  address: Address | null;
  remark: string;
  source: 'app' | 'seed';
  /** Distinct warehouses of the stock reservations made at submit. */
  warehouseIds: string[];
  updatedAt: number;
  /** A two-tier order (tier_orders, docs/two-tier.md): the first-tier selling it, and the payment it recorded (fen). */
  supplierDealerId?: string;
  supplierName?: string;
  paid?: number;
  paidAt?: number | null;
  /** Fen sent back to the payer through WeChat Pay so far (a cancel, credited returns): the order page says so. */
  onlineRefunded?: number;
};

/**
 * A dealer's credit account (`accounts`, _id = dealer id), integer fen. Headroom for new orders
 * is creditLimit − receivable − creditReserved (shared/orders/credit).
 */
export interface AccountDoc {
  dealerId: string;
  /** Shipped on credit and not yet paid. */
  receivable: number;
  /** Payable of open orders not yet shipped. */
  creditReserved: number;
  /** Rebate wallet balance. */
  rebateBalance: number;
  /**
   * Orders the dealer has placed, whatever became of them (the approval rules' "first orders of
   * a new dealer"); kept by order submission. Absent on an account from before it was kept.
   */
  orderCount?: number;
  /** Holds of submits not settled yet (orders submit/holds holdAccount): already counted above. */
  holds?: Record<string, { orderId: string; credit: number; rebate: number; at: number; by: string }>;
  /** How many entries `holds` has (the releaseHolds timer finds accounts by it). */
  holding?: number;
  updatedAt: number;
}

export type PaymentMethod = '银行转账' | '承兑汇票' | '现金' | '微信支付' | '其他';

/** A payment (回款) received from a dealer (`payments`); it lowers the dealer's receivable. */
export interface PaymentDoc {
  dealerId: string;
  /** Fen, > 0; < 0 only for a refund of a WeChat payment (money sent back, shared/payments/wxpay). */
  amount: number;
  /** When the money arrived, epoch ms. */
  at: number;
  method: PaymentMethod;
  /** The brand's receipt number, e.g. HK202610150001 (unique); for a recorded payment, its source's reference. */
  ref: string;
  note: string;
  /** Where a recorded payment came from (cloudfunctions/_capabilities/payments.ts); absent on seeded ones. */
  source?: PaymentSource;
  /** When it was recorded, epoch ms (absent on seeded ones). */
  recordedAt?: number;
}

/** Who reports a payment: the brand's admin, the ERP connector, WeChat Pay, a partner through the open API. */
export type PaymentSource = 'admin' | 'erp' | 'wechatpay' | 'openapi';
