import type { ErpMappingInput } from '@shared/contracts/erp';
import type { MappingKind } from '@shared/erp';
import { MAPPING_LABELS, mappingId } from '@shared/erp';
import { Refusal } from '@shared/envelope';
import type { Db } from '../../_kit/db';

const COLLECTION_OF: Record<MappingKind, 'products' | 'dealers' | 'warehouses'> = { sku: 'products', dealer: 'dealers', warehouse: 'warehouses' };

/**
 * Whether a batch of mapping edits may be saved: every id ours exists, each of our ids appears once,
 * and no Kingdee number would map to two of our ids of a kind (pulls translate back by it). The
 * refusal names what to fix; nothing is saved.
 */
export async function checkMappings(db: Db, items: readonly ErpMappingInput[]): Promise<Refusal | null> {
  const ids = items.map((i) => mappingId(i.kind, i.ourId));
  if (new Set(ids).size !== ids.length) return new Refusal('INVALID_INPUT', '同一个商品、经销商或仓库在一次提交中出现了两次');
  for (const kind of Object.keys(COLLECTION_OF) as MappingKind[]) {
    const wanted = items.filter((i) => i.kind === kind).map((i) => i.ourId);
    if (wanted.length === 0) continue;
    const found = new Set((await db.getMany(COLLECTION_OF[kind], wanted)).map((d) => d._id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) return new Refusal('NOT_FOUND', `${MAPPING_LABELS[kind]}不存在：${missing.slice(0, 5).join('、')}`);
  }
  if (items.some((i) => i.kind === 'warehouse' && !i.stockOrg)) return new Refusal('INVALID_INPUT', '仓库映射须填写库存组织编码 stockOrg');
  // The numbers of the mappings being edited are free again; the rest stay taken.
  const editing = new Set(ids);
  const existing = (await db.findAll('erp_mappings', {})).filter((m) => !editing.has(mappingId(m.kind, m.ourId)));
  const taken = new Map(existing.map((m) => [`${m.kind}:${m.erpNumber}`, m.ourId]));
  for (const i of items) {
    const holder = taken.get(`${i.kind}:${i.erpNumber}`);
    if (holder && holder !== i.ourId) return new Refusal('CONFLICT', `金蝶编码 ${i.erpNumber} 已映射到${MAPPING_LABELS[i.kind]} ${holder}`);
    taken.set(`${i.kind}:${i.erpNumber}`, i.ourId);
  }
  return null;
}
