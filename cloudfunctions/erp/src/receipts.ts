import type { ErpAppliedDoc } from '@shared/erp';
import { KINGDEE_FORMS, kingdeeTime, parseKingdeeTime, QUERY_FIELDS, yuanToFen } from '@shared/erp';
import { Refusal } from '@shared/envelope';
import type { Db } from '../../_kit/db';
import { recordPayment } from '../../_capabilities/payments';
import { cursorOf, saveCursor } from './cursors';
import { recordFailure } from './failures';
import type { KingdeeClient } from './kingdee-client';
import type { Mappings } from './mappings';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Pull audited receipts (AR_RECEIVEBILL, 收款单) modified since the feed's cursor and record each
 * as the dealer's payment (source 'erp', keyed by the bill number): it lowers the receivable, shows
 * on the statement and frees credit. recordPayment is idempotent by (source, bill number), and the
 * bill is marked applied in the same transaction. An unknown customer or an unreadable amount is
 * stored as failed and holds the cursor for the next run.
 */
export async function pullReceipts(db: Db, client: KingdeeClient, maps: Mappings, now: number): Promise<{ applied: number; failed: number }> {
  const since = await cursorOf(db, 'receipts');
  const rows = await client.queryAll({
    FormId: KINGDEE_FORMS.receiveBill,
    FieldKeys: QUERY_FIELDS.receiveBill,
    FilterString: `FDocumentStatus='C' and FModifyDate>='${kingdeeTime(since)}'`,
    OrderString: 'FModifyDate ASC,FBillNo ASC',
  });
  let applied = 0;
  let failed = 0;
  let next = since;
  let held = Infinity;
  for (const r of rows) {
    const billNo = text(r['FBillNo']);
    const modified = parseKingdeeTime(text(r['FModifyDate']));
    next = Math.max(next, modified);
    const customer = text(r['FCONTACTUNIT.FNumber']);
    const dealerId = maps.ours('dealer', customer);
    const amount = yuanToFen(r['FREALRECAMOUNTFOR']);
    const at = parseKingdeeTime(text(r['FDate']));
    const problem = !dealerId ? `未映射：客户 ${customer}` : amount === null || amount <= 0 ? `收款金额无效：${text(r['FREALRECAMOUNTFOR'])}` : null;
    const id = `${KINGDEE_FORMS.receiveBill}:${billNo}`;
    let failure = problem;
    if (!failure) {
      const done = await db.transaction(async (tx) => {
        const seen = await tx.get('erp_applied', id);
        if (seen?.status === 'applied') return false;
        const note = text(r['FREMARK']) || `金蝶收款单 ${billNo}`;
        const paidAt = Number.isFinite(at) ? Math.min(at, now) : now;
        await recordPayment(tx, { dealerId: dealerId!, amount: amount!, at: paidAt, method: '银行转账', source: 'erp', sourceRef: billNo, note }, now);
        const mark: ErpAppliedDoc = {
          form: 'AR_RECEIVEBILL',
          billNo,
          status: 'applied',
          orderId: null,
          dealerId: dealerId!,
          message: null,
          attempts: (seen?.attempts ?? 0) + 1,
          updatedAt: now,
        };
        await tx.set('erp_applied', id, mark);
        return true;
      });
      if (done instanceof Refusal) failure = done.message;
      else if (done) applied++;
    }
    if (failure) {
      failed++;
      held = Math.min(held, modified);
      await recordFailure(db, 'AR_RECEIVEBILL', billNo, failure, now);
    }
  }
  await saveCursor(db, 'receipts', Math.min(next, held), now);
  return { applied, failed };
}
