import type { MappingKind, MappingTable } from '@shared/erp';
import { mappingId } from '@shared/erp';
import type { Db } from '../../_kit/db';

/** Every mapping, both ways: `<kind>:<ourId>` → Kingdee's number, and `<kind>:<erpNumber>` → our id. */
export interface Mappings {
  table: MappingTable;
  ours: (kind: MappingKind, erpNumber: string) => string | undefined;
  size: number;
}

/** All mappings in one pass (a few thousand at most: one per SKU, dealer and warehouse). */
export async function loadMappings(db: Db): Promise<Mappings> {
  const all = await db.findAll('erp_mappings', {});
  const table = new Map(all.map((m) => [mappingId(m.kind, m.ourId), { erpNumber: m.erpNumber, ...(m.stockOrg ? { stockOrg: m.stockOrg } : {}) }]));
  const back = new Map(all.map((m) => [`${m.kind}:${m.erpNumber}`, m.ourId]));
  return { table, ours: (kind, erpNumber) => back.get(`${kind}:${erpNumber}`), size: all.length };
}
