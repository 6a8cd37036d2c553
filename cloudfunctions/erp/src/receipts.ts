import type { ErpAppliedDoc } from '@shared/erp';
import { KINGDEE_FORMS, parseKingdeeTime, QUERY_FIELDS, yuanToFen } from '@shared/erp';
import { Refusal } from '@shared/envelope';
import type { Db } from '../../_kit/db';
import { recordPayment } from '../../_capabilities/payments';
import type { KingdeeClient } from './kingdee-client';
import type { Mappings } from './mappings';
import type { ItemOutcome } from './pull-feed';
import { auditedSince, pullFeed } from './pull-feed';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Pull audited receipts (AR_RECEIVEBILL, 收款单) modified since the feed's cursor and record each
 * as the dealer's payment (source 'erp', keyed by the bill number): it lowers the receivable, shows
 * on the statement and frees credit. recordPayment is idempotent by (source, bill number), and the
 * bill is marked applied in the same transaction. An unknown customer or an unreadable amount is
 * stored as failed and holds the cursor for the next run.
 */
export async function pullReceipts(db: Db, client: KingdeeClient, maps: Mappings, now: number): Promise<{ applied: number; failed: number }> {
  const { applied, failed } = await pullFeed(db, client, now, {
    feed: 'receipts',
    query: auditedSince(KINGDEE_FORMS.receiveBill, QUERY_FIELDS.receiveBill),
    items: (rows) => rows,
    modified: (r) => parseKingdeeTime(text(r['FModifyDate'])),
    apply: (r) => applyReceipt(db, r, maps, now),
    counts: ['applied', 'seen'],
  });
  return { applied, failed };
}

async function applyReceipt(db: Db, r: Record<string, unknown>, maps: Mappings, now: number): Promise<ItemOutcome<'applied' | 'seen'>> {
  const billNo = text(r['FBillNo']);
  const customer = text(r['FCONTACTUNIT.FNumber']);
  const dealerId = maps.ours('dealer', customer);
  const amount = yuanToFen(r['FREALRECAMOUNTFOR']);
  const at = parseKingdeeTime(text(r['FDate']));
  const failed = (message: string) => ({ failed: message, form: 'AR_RECEIVEBILL' as const, billNo });
  if (!dealerId) return failed(`未映射：客户 ${customer}`);
  if (amount === null || amount <= 0) return failed(`收款金额无效：${text(r['FREALRECAMOUNTFOR'])}`);
  const id = `${KINGDEE_FORMS.receiveBill}:${billNo}`;
  const done = await db.transaction(async (tx) => {
    const seen = await tx.get('erp_applied', id);
    if (seen?.status === 'applied') return 'seen' as const;
    const note = text(r['FREMARK']) || `金蝶收款单 ${billNo}`;
    const paidAt = Number.isFinite(at) ? Math.min(at, now) : now;
    await recordPayment(tx, { dealerId, amount, at: paidAt, method: '银行转账', source: 'erp', sourceRef: billNo, note }, now);
    const mark: ErpAppliedDoc = {
      form: 'AR_RECEIVEBILL',
      billNo,
      status: 'applied',
      orderId: null,
      dealerId,
      message: null,
      attempts: (seen?.attempts ?? 0) + 1,
      updatedAt: now,
    };
    await tx.set('erp_applied', id, mark);
    return 'applied' as const;
  });
  return done instanceof Refusal ? failed(done.message) : done;
}
