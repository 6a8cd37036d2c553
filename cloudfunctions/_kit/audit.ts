import type { Tx } from './db';

export interface AuditEntry {
  /** What was done, e.g. pricing.upsertRule. */
  action: string;
  /** The document it concerned: collection and id. */
  target: { coll: string; id: string };
  actorId: string;
  at: number;
  before: unknown;
  after: unknown;
  reason?: string;
}

/** Append one audit entry inside the transaction that made the change: both land or neither. */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.add('audit_log', entry);
}
