import { parse } from 'csv-parse/sync';
import { validateImport } from '@shared/catalog-import';
import { contracts } from '@shared/contracts';
import type { ImportCatalogOutput } from '@shared/contracts';
import type { ProductDoc } from '@shared/models';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/**
 * What a re-import keeps of an existing product: its visibility and image, and its terms version
 * (_capabilities/product-terms.ts), so a partner's older message stays refused after a re-import.
 */
function keptOf(old: ProductDoc | undefined): Pick<ProductDoc, 'visibility' | 'image' | 'termsVersion'> {
  return {
    visibility: old?.visibility ?? { levels: [], regions: [], dealerIds: [] },
    image: old?.image ?? null,
    ...(old?.termsVersion !== undefined ? { termsVersion: old.termsVersion } : {}),
  };
}

/** The CSV's rows, or the one error that says where it stops being CSV. */
function readCsv(csv: string): { rows: string[][] } | { error: { line: number; column: null; message: string } } {
  try {
    return { rows: parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][] };
  } catch (e) {
    return { error: { line: (e as { lines?: number }).lines ?? 1, column: null, message: `CSV 格式错误：${(e as Error).message}` } };
  }
}

/**
 * Products from CSV. Every row is checked first; with any problem (or a dry run) nothing is
 * written. A clean file upserts by SKU, keeping each existing product's visibility, image and terms version.
 * Rows are written one document at a time, each write idempotent: re-running the same file
 * after an interruption completes it.
 */
export const importCatalog = defineAction(
  contracts.admin.importCatalog,
  ['admin', CONSOLE],
  async ({ csv, dryRun }, { db, caller, now }): Promise<ImportCatalogOutput> => {
    const read = readCsv(csv);
    if ('error' in read) return { dryRun, rows: 0, errors: [read.error], created: 0, updated: 0 };
    const { rows } = read;
    const categories = new Set((await db.find<{ name: string }>('categories', {}, { limit: 1000 })).map((c) => c._id));
    const { products, errors } = validateImport(rows, categories);
    const dataRows = Math.max(0, rows.length - 1);
    if (errors.length > 0) return { dryRun, rows: dataRows, errors, created: 0, updated: 0 };
    const existing = new Map(
      (
        await db.getMany(
          'products',
          products.map((p) => p.sku),
        )
      ).map((p) => [p._id, p]),
    );
    const created = products.filter((p) => !existing.has(p.sku)).length;
    if (!dryRun) {
      for (const p of products) {
        await db.set('products', p.sku, { ...p, ...keptOf(existing.get(p.sku)) } satisfies ProductDoc);
      }
      await db.add('audit_log', {
        action: 'admin.importCatalog',
        target: { coll: 'products', id: '*' },
        actorId: caller.actorId,
        at: now,
        before: null,
        after: { rows: dataRows, created, updated: products.length - created },
      });
    }
    return { dryRun, rows: dataRows, errors: [], created, updated: products.length - created };
  },
);
