import type { RebatePolicy } from '@shared/rebates';
import { formatFen } from '@shared/money';
import { traceOf } from '@shared/rebates';
import type { Db } from '../../_kit/db';
import type { SettlementDoc } from '@shared/documents';

export type { SettlementDoc };

/** The policy versions settlements name, by digest (stored once per version when a period closes). */
export async function policyVersions(db: Db, digests: readonly string[]): Promise<Map<string, RebatePolicy>> {
  const docs = await db.getMany('rebate_policy_versions', digests);
  return new Map(docs.map((d) => [d._id, d.policy]));
}

/** The calculation in plain words, rendered from the record and the policy version it was settled with. */
export function explain(doc: SettlementDoc, versions: ReadonlyMap<string, RebatePolicy>): string[] {
  const policy = versions.get(doc.record.policyDigest);
  if (!policy) return [`结算金额 ${(doc.record.amount / 100).toFixed(2)} 元（政策版本 ${doc.record.policyDigest.slice(0, 12)} 缺失，无法展开计算说明）`];
  const lines = traceOf(doc.record, policy).map((t) => t.text);
  if (!doc.previous) return lines;
  return [...lines, `结算后登记了本期货物的退货，审批时按退货后的实际重算：原结算 ${formatFen(doc.previous.amount)}，实际入账 ${formatFen(doc.record.amount)}`];
}
