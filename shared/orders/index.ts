/**
 * Orders: the pure rules of placing and fulfilling a dealer's order.
 *
 * - transitions: the table of who may issue which command from which state; commandsFor(status, role) for pages and routers.
 * - state-machine: decide(order, command, actor, now) -> next state + one audit event + effects, or a refusal.
 * - order: newOrder(draft) builds a `submitted` order; approvalFactsOf gathers what approval rules look at.
 * - approval/: declarative approval rules (one per file, stable codes) and evaluateApproval.
 * - credit: headroom = limit − open receivables − reserved by open orders; checkCredit.
 * - stock: available to promise and allocateStock across warehouses.
 * - statement: the monthly 对账单 in Asia/Shanghai and its CSV.
 * - schemas: the order actions' zod inputs.
 * - placement: the submit decision (credit, approval, decide) and what an order takes, re-checked by the one writer.
 * - visibility: canSee, who may see an order at all; ledger-ids: the ids of the documents an order writes.
 *
 * Units: money integer fen, quantities base units (件), times epoch ms; nothing here reads a clock.
 */
export { decide, lineValue, REASON_MAX, REASON_MIN } from './state-machine';
export { commandsFor, mayIssue, rolesIssuing, statesAccepting, stepIsFor, TRANSITIONS } from './transitions';
export type { TransitionRule } from './transitions';
export { approvalFactsOf, newOrder } from './order';
export type { OrderDraft } from './order';
export * from './types';
export { COMMAND_VERBS, STATE_PHRASES, stateConflictMessage } from './messages';
export * from './approval';
export { checkCredit, creditGate, creditHeadroom } from './credit';
export type { CreditCheck, CreditPosition } from './credit';
export { allocateStock, availableToPromise } from './stock';
export type { StockAllocation, StockLevel, StockReservation, StockShortage, WarehouseRef } from './stock';
export { buildStatement, csvField, fenToYuanText, STATEMENT_CSV_HEADERS, STATEMENT_KIND_LABELS, statementToCsv } from './statement';
export type { Statement, StatementInput, StatementLine, StatementLineKind } from './statement';
export * from './schemas';
export { formatBasisPoints, formatYuan } from './format';
export { decideSubmission, takeCounters, takeStock } from './placement';
export type { AccountPosition, Placed, PlacingContext, PlacingDealer, StockRowRead, Takes } from './placement';
export { canSee } from './visibility';
export type { Viewer } from './visibility';
export { promotionUsageId, releaseEntryId, spendEntryId, stockRowId } from './ledger-ids';
