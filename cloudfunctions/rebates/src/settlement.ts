import type { SettlementStatus } from '@shared/contracts';
import type { SettlementRecord } from '@shared/rebates';

/** A stored settlement: the engine's record (with its trace) and where it stands. */
export interface SettlementDoc {
  record: SettlementRecord;
  policyName: string;
  status: SettlementStatus;
  creditedAt: number | null;
}

/** The calculation in plain words, as stored with the settlement. */
export function explain(doc: SettlementDoc): string[] {
  return doc.record.trace.map((t) => t.text);
}
