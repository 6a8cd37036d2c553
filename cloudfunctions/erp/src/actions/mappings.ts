import { contracts } from '@shared/contracts';
import type { MappingKind } from '@shared/erp';
import { CONSOLE } from '@shared/roles';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

const COLLECTION = { sku: 'products', dealer: 'dealers', warehouse: 'warehouses' } as const;

/** The names people know our side by (product, dealer, warehouse), so the screens show no internal ids. */
async function namesOf(db: Db, kind: MappingKind, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const docs = await db.getMany(COLLECTION[kind], ids);
  return new Map(docs.map((d) => [d._id, String((d as { name?: unknown }).name ?? d._id)]));
}

/** The mappings, by kind and our id, each with our side's name. */
export const mappings = defineAction(contracts.erp.mappings, ['admin', CONSOLE], async ({ kind }, { db }) => {
  const all = await db.findAll('erp_mappings', {});
  const items = all.filter((m) => !kind || m.kind === kind).map(({ _id, ...m }) => ({ ...m, id: _id }));
  const names = await Promise.all(
    (['sku', 'dealer', 'warehouse'] as const).map((k) =>
      namesOf(
        db,
        k,
        items.filter((i) => i.kind === k).map((i) => i.ourId),
      ),
    ),
  );
  const nameOf = (kind: MappingKind, id: string) => names[['sku', 'dealer', 'warehouse'].indexOf(kind)]!.get(id) ?? null;
  return { items: items.map((i) => ({ ...i, name: nameOf(i.kind, i.ourId) })).sort((a, b) => a.id.localeCompare(b.id)) };
});
