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
}

/** One line of an order: what was bought, in base units, at the price the server resolved. */
export interface OrderLine {
  sku: string;
  /** Product name at the time of ordering (kept so history reads right after renames). */
  name: string;
  /** Base units (件). */
  qty: number;
  /** Price per base unit, fen. */
  unitPrice: number;
  /** qty × unitPrice, fen. */
  amount: number;
}

/** One state transition of an order: the audit trail. */
export interface OrderEvent {
  /** What happened, e.g. submitted, approved, shipped, delivered, completed. */
  type: string;
  /** Epoch ms. */
  at: number;
  /** openid of the person who did it, or `system` for automatic steps. */
  actor: string;
}

export interface OrderDoc {
  orderNo: string;
  dealerId: string;
  status: string;
  lines: OrderLine[];
  /** Exactly the sum of the lines' amounts, fen. */
  totalAmount: number;
  warehouseId: string;
  createdAt: number;
  approvedAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  completedAt: number | null;
  events: OrderEvent[];
  /** Where the order came from: `seed` for demo history. */
  source: string;
}
