/**
 * The steps of an offboarding, in order. Each runs when the ones before it are done; a step that
 * cannot finish stays `blocked` with its reason, and running the offboarding again retries it.
 */
export const OFFBOARDING_STEPS = ['freeze', 'orders', 'rebates', 'wallet', 'customers', 'children', 'statement'] as const;
export type OffboardingStep = (typeof OFFBOARDING_STEPS)[number];

export const OFFBOARDING_STEP_LABELS: Record<OffboardingStep, string> = {
  freeze: '冻结下单',
  orders: '处理未完结订单',
  rebates: '结清返利',
  wallet: '返利钱包清零',
  customers: '移交企业微信客户',
  children: '二级经销商转挂',
  statement: '生成清退对账单',
};

/** Who takes over: another dealer, or the brand itself. */
export type Successor = { kind: 'dealer'; dealerId: string } | { kind: 'brand' };

/** What happens to the wallet's balance: paid out to the dealer (finance pays it), or set against what it still owes. */
export const WALLET_POLICIES = ['pay_out', 'offset_receivable'] as const;
export type WalletPolicy = (typeof WALLET_POLICIES)[number];

export interface StepState {
  status: 'pending' | 'done' | 'blocked';
  /** When it last ran. */
  at: number | null;
  attempts: number;
  /** Why it is blocked, in words for the person running it. */
  reason: string | null;
  /** What it did (counts, ids), for the audit and the final statement. */
  result: Record<string, unknown> | null;
}

/** Money and counts the final statement reports (fen). */
export interface FinalStatement {
  dealerId: string;
  dealerName: string;
  successor: Successor;
  ordersCancelled: number;
  ordersCompleted: number;
  rebatesSettled: number;
  walletBefore: number;
  walletPaidOut: number;
  walletOffset: number;
  receivable: number;
  customersMoved: number;
  childrenMoved: number;
  at: number;
}

/** One dealer's offboarding (`offboardings`, _id = dealer id). */
export interface OffboardingDoc {
  dealerId: string;
  dealerName: string;
  region: string;
  successor: Successor;
  walletPolicy: WalletPolicy;
  reason: string;
  /** The dealer's status before the freeze, to tell the audit what changed. */
  statusBefore: string;
  status: 'running' | 'blocked' | 'done';
  steps: Record<OffboardingStep, StepState>;
  statement: FinalStatement | null;
  startedAt: number;
  startedBy: string;
  updatedAt: number;
}
