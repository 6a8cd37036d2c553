import type { SettlementStatus } from '@shared/contracts';
import type { RebatePolicy, SettlementRecord } from '@shared/rebates';
import { traceOf } from '@shared/rebates';
import type { Db } from '../../_kit/db';
import { findByIds } from '../../_kit/pricing';

/** A stored settlement: the engine's record and where it stands. */
export interface SettlementDoc {
  record: SettlementRecord;
  policyName: string;
  status: SettlementStatus;
  creditedAt: number | null;
}

/** The policy versions settlements name, by digest (stored once per version when a period closes). */
export async function policyVersions(db: Db, digests: readonly string[]): Promise<Map<string, RebatePolicy>> {
  const docs = await findByIds<{ policy: RebatePolicy }>(db, 'rebate_policy_versions', digests);
  return new Map(docs.map((d) => [d._id, d.policy]));
}

/** The calculation in plain words, rendered from the record and the policy version it was settled with. */
export function explain(doc: SettlementDoc, versions: ReadonlyMap<string, RebatePolicy>): string[] {
  const policy = versions.get(doc.record.policyDigest);
  if (!policy) return [`结算金额 ${(doc.record.amount / 100).toFixed(2)} 元（政策版本 ${doc.record.policyDigest.slice(0, 12)} 缺失，无法展开计算说明）`];
  return traceOf(doc.record, policy).map((t) => t.text);
}
