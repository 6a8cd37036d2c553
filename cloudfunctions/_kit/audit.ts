import type { Tx } from './db';
import type { AuditEntry } from '@shared/documents';

export type { AuditEntry };

/** Append one audit entry inside the transaction that made the change: both land or neither. */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.add('audit_log', entry);
}
