/**
 * 对账单: one dealer's account for one calendar month in Asia/Shanghai.
 *
 * Balance = what the dealer owes the brand, fen (positive: the dealer owes; negative: prepaid).
 * Orders raise it by their payable (booked when they ship); payments, goods returned (退货, the
 * payable they take back, booked when the return is recorded) and rebate credits lower it. Order payable is
 * already net of any rebate spent at checkout, so `rebates` are only rebate amounts credited to
 * the account outside checkout (返利冲账) — passing both would count a rebate twice.
 *
 * The month is [first day 00:00:00.000, first day of next month 00:00:00.000) Shanghai time,
 * computed by arithmetic (UTC+8, no daylight saving), independent of the machine's timezone.
 * Entries outside it are ignored. Lines are sorted by time, then kind (order, return, payment, rebate),
 * then reference, so the same input always gives the same statement.
 */
import { formatFen } from './kit';
import { formatShanghai, shanghaiMonthRange } from '../time';

export interface StatementInput {
  dealerId: string;
  /** 'YYYY-MM'. */
  month: string;
  /** Balance at the start of the month, fen. */
  openingBalance: number;
  orders: ReadonlyArray<{ orderNo: string; payable: number; at: number }>;
  payments: ReadonlyArray<{ ref: string; amount: number; at: number; note?: string }>;
  rebates: ReadonlyArray<{ ref: string; amount: number; at: number; note?: string }>;
  /** Goods returned after delivery: `ref` the return id, `amount` the payable taken back, fen (absent: none). */
  returns?: ReadonlyArray<{ ref: string; orderNo: string; amount: number; at: number; note?: string }>;
}

export type StatementLineKind = 'order' | 'return' | 'payment' | 'rebate';

export const STATEMENT_KIND_LABELS: Record<StatementLineKind, string> = { order: '订货', return: '退货', payment: '回款', rebate: '返利冲账' };

export interface StatementLine {
  at: number;
  /** Shanghai wall time, 'YYYY-MM-DD HH:mm:ss'. */
  time: string;
  kind: StatementLineKind;
  ref: string;
  description: string;
  /** Raises the balance (orders), fen. */
  debit: number;
  /** Lowers the balance (returns, payments, rebates), fen. */
  credit: number;
  /** Balance after this line, fen. */
  balance: number;
}

export interface Statement {
  dealerId: string;
  month: string;
  /** [periodStart, periodEnd) epoch ms. */
  periodStart: number;
  periodEnd: number;
  openingBalance: number;
  lines: StatementLine[];
  totals: { orders: number; returns: number; payments: number; rebates: number };
  closingBalance: number;
}

const KIND_RANK: Record<StatementLineKind, number> = { order: 0, return: 1, payment: 2, rebate: 3 };

/** Builds the statement. Throws on a malformed month or non-integer amounts (validate at the edge). */
export function buildStatement(input: StatementInput): Statement {
  const range = shanghaiMonthRange(input.month);
  if (!range) throw new RangeError(`buildStatement: month must be YYYY-MM, got ${input.month}`);
  const inMonth = (at: number) => at >= range.start && at < range.end;
  const fen = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new RangeError(`buildStatement: not an integer amount of fen: ${n}`);
    return n;
  };
  type Draft = Omit<StatementLine, 'balance' | 'time'>;
  const drafts: Draft[] = [
    ...input.orders
      .filter((o) => inMonth(o.at))
      .map((o): Draft => ({ at: o.at, kind: 'order', ref: o.orderNo, description: `订货 ${o.orderNo}`, debit: fen(o.payable), credit: 0 })),
    ...(input.returns ?? [])
      .filter((r) => inMonth(r.at))
      .map((r): Draft => ({
        at: r.at,
        kind: 'return',
        ref: r.ref,
        description: `退货 ${r.orderNo}${r.note ? ` ${r.note}` : ''}`,
        debit: 0,
        credit: fen(r.amount),
      })),
    ...input.payments
      .filter((p) => inMonth(p.at))
      .map((p): Draft => ({ at: p.at, kind: 'payment', ref: p.ref, description: p.note ? `回款 ${p.note}` : '回款', debit: 0, credit: fen(p.amount) })),
    ...input.rebates
      .filter((r) => inMonth(r.at))
      .map((r): Draft => ({ at: r.at, kind: 'rebate', ref: r.ref, description: r.note ? `返利冲账 ${r.note}` : '返利冲账', debit: 0, credit: fen(r.amount) })),
  ];
  drafts.sort((a, b) => a.at - b.at || KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  let balance = fen(input.openingBalance);
  const totals = { orders: 0, returns: 0, payments: 0, rebates: 0 };
  const lines = drafts.map((d) => {
    balance += d.debit - d.credit;
    if (d.kind === 'order') totals.orders += d.debit;
    else if (d.kind === 'return') totals.returns += d.credit;
    else if (d.kind === 'payment') totals.payments += d.credit;
    else totals.rebates += d.credit;
    return { ...d, time: formatShanghai(d.at), balance };
  });
  return {
    dealerId: input.dealerId,
    month: input.month,
    periodStart: range.start,
    periodEnd: range.end,
    openingBalance: input.openingBalance,
    lines,
    totals,
    closingBalance: balance,
  };
}

/** Fen as yuan with two decimals and no symbol or separators, for spreadsheets: -50 -> '-0.50'. */
export function fenToYuanText(fen: number): string {
  return formatFen(fen, { grouping: false }).replace('¥', '');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text
 * that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading
 * apostrophe first. Amounts are passed with `text: false` so a negative number stays a number.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const STATEMENT_CSV_HEADERS = ['时间', '类型', '单号', '摘要', '订货金额(元)', '退货/回款/返利(元)', '余额(元)'] as const;

/**
 * The statement as a CSV file: UTF-8 with a byte order mark (so Excel opens Chinese correctly),
 * CRLF line ends, Chinese headers, amounts in yuan with two decimals. Rows: 期初余额, the lines,
 * 本期合计, 期末余额.
 */
export function statementToCsv(statement: Statement): string {
  const y = (fen: number) => csvField(fenToYuanText(fen), false);
  const row = (cells: string[]) => cells.join(',');
  const start = formatShanghai(statement.periodStart, 'date');
  const rows = [
    row(STATEMENT_CSV_HEADERS.map((h) => csvField(h))),
    row([csvField(start), csvField('期初余额'), '', '', '', '', y(statement.openingBalance)]),
    ...statement.lines.map((l) =>
      row([
        csvField(l.time),
        csvField(STATEMENT_KIND_LABELS[l.kind]),
        csvField(l.ref),
        csvField(l.description),
        l.debit ? y(l.debit) : '',
        l.credit ? y(l.credit) : '',
        y(l.balance),
      ]),
    ),
    row(['', csvField('本期合计'), '', '', y(statement.totals.orders), y(statement.totals.returns + statement.totals.payments + statement.totals.rebates), '']),
    row(['', csvField('期末余额'), '', '', '', '', y(statement.closingBalance)]),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
