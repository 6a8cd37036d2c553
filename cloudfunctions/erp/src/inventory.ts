import { KINGDEE_FORMS, kingdeeTime, parseKingdeeTime, QUERY_FIELDS } from '@shared/erp';
import { Refusal } from '@shared/envelope';
import type { Db } from '../../_kit/db';
import { setStockLevel } from '../../_capabilities/stock-levels';
import type { KingdeeClient } from './kingdee-client';
import type { Mappings } from './mappings';
import { pullFeed } from './pull-feed';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * Pull inventory rows (STK_Inventory, 即时库存) updated since the feed's cursor and set each mapped
 * SKU × warehouse to Kingdee's on-hand quantity (FBaseQty, base units), versioned by the row's
 * update time: a level older than the one applied is ignored (setStockLevel), so reading a row
 * twice or out of order never moves stock back. Rows of materials or stocks not mapped here are
 * counted, not applied (the brand may keep goods it does not sell through the channel).
 */
export async function pullInventory(
  db: Db,
  client: KingdeeClient,
  maps: Mappings,
  now: number,
): Promise<{ applied: number; ignored: number; unmapped: number }> {
  const { applied, ignored, unmapped } = await pullFeed(db, client, now, {
    feed: 'inventory',
    query: (since) => ({
      FormId: KINGDEE_FORMS.inventory,
      FieldKeys: QUERY_FIELDS.inventory,
      FilterString: `FUpdateTime>='${kingdeeTime(since)}'`,
      OrderString: 'FUpdateTime ASC',
    }),
    items: (rows) => rows,
    modified: (r) => parseKingdeeTime(text(r['FUpdateTime'])),
    apply: async (r) => {
      const sku = maps.ours('sku', text(r['FMaterialId.FNumber']));
      const warehouseId = maps.ours('warehouse', text(r['FStockId.FNumber']));
      if (!sku || !warehouseId) return 'unmapped';
      const onHand = Math.max(0, Math.floor(Number(r['FBaseQty'])));
      const version = parseKingdeeTime(text(r['FUpdateTime']));
      const result = await db.transaction((tx) => setStockLevel(tx, { sku, warehouseId, onHand, version, source: 'erp' }, now));
      return result instanceof Refusal || !result.applied ? 'ignored' : 'applied';
    },
    counts: ['applied', 'ignored', 'unmapped'],
  });
  return { applied, ignored, unmapped };
}
