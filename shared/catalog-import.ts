import { z } from 'zod';
import type { ImportIssue } from './contracts/admin';
import type { PackUnit, ProductDoc } from './models';

/**
 * Rules of the product CSV import, pure: rows in (already split into cells), products or
 * line-numbered problems out. Nothing is imported unless every row is clean.
 */
export const IMPORT_COLUMNS = ['sku', 'name', 'categoryId', 'spec', 'baseUnit', 'listPrice', 'packUnits', 'moq', 'multiple', 'status'] as const;

/** 元 with at most two decimals -> fen, exactly (no floating point). */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 箱:12|件:1 -> [{ name: 箱, factor: 12 }, { name: 件, factor: 1 }]; null when malformed. */
export function parsePackUnits(text: string): PackUnit[] | null {
  const parts = text
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 5) return null;
  const units: PackUnit[] = [];
  for (const p of parts) {
    const m = /^([^:：\s]{1,6})[:：](\d{1,5})$/.exec(p);
    if (!m) return null;
    units.push({ name: m[1]!, factor: Number(m[2]) });
  }
  return units;
}

const positiveInt = (text: string): number | null => (/^\d{1,7}$/.test(text.trim()) && Number(text) > 0 ? Number(text) : null);

export type ImportedProduct = Omit<ProductDoc, 'visibility' | 'image'>;

export function validateImport(rows: readonly string[][], knownCategories: ReadonlySet<string>): { products: ImportedProduct[]; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const [header, ...data] = rows;
  const expected = IMPORT_COLUMNS.join(',');
  if (!header || header.map((h) => h.trim()).join(',') !== expected) {
    return { products: [], errors: [{ line: 1, column: null, message: `表头必须是：${expected}` }] };
  }
  if (data.length === 0) return { products: [], errors: [{ line: 2, column: null, message: '文件没有数据行' }] };
  if (data.length > 5000) return { products: [], errors: [{ line: 1, column: null, message: `一次最多导入 5000 行，本文件 ${data.length} 行，请拆分` }] };
  const seen = new Map<string, number>();
  const products: ImportedProduct[] = [];
  data.forEach((cells, i) => {
    const line = i + 2;
    const bad = (column: string | null, message: string) => errors.push({ line, column, message });
    if (cells.length !== IMPORT_COLUMNS.length) return bad(null, `应有 ${IMPORT_COLUMNS.length} 列，实际 ${cells.length} 列`);
    const cell = Object.fromEntries(IMPORT_COLUMNS.map((c, k) => [c, (cells[k] ?? '').trim()])) as Record<(typeof IMPORT_COLUMNS)[number], string>;
    const before = errors.length;
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(cell.sku)) bad('sku', 'SKU 只能包含字母、数字、- 和 _，最长 64 位');
    else if (seen.has(cell.sku)) bad('sku', `SKU ${cell.sku} 与第 ${seen.get(cell.sku)} 行重复`);
    else seen.set(cell.sku, line);
    if (!z.string().min(1).max(60).safeParse(cell.name).success) bad('name', '商品名称必填，最长 60 字');
    if (!knownCategories.has(cell.categoryId)) bad('categoryId', `分类 ${cell.categoryId || '(空)'} 不存在`);
    if (cell.spec.length > 60) bad('spec', '规格最长 60 字');
    if (!/^[^\s]{1,4}$/.test(cell.baseUnit)) bad('baseUnit', '基本单位必填，如 件、瓶');
    const listPrice = yuanToFen(cell.listPrice);
    if (listPrice === null) bad('listPrice', '目录价须为以元计的数字，最多两位小数，如 3.50');
    const packUnits = parsePackUnits(cell.packUnits);
    if (!packUnits) bad('packUnits', '包装单位格式如 箱:12|瓶:1');
    else if (!packUnits.some((u) => u.name === cell.baseUnit && u.factor === 1)) bad('packUnits', `包装单位须包含基本单位 ${cell.baseUnit}:1`);
    else if (new Set(packUnits.map((u) => u.name)).size !== packUnits.length) bad('packUnits', '包装单位名称重复');
    const moq = positiveInt(cell.moq);
    const multiple = positiveInt(cell.multiple);
    if (moq === null) bad('moq', '起订量须为正整数（基本单位）');
    if (multiple === null) bad('multiple', '订购倍数须为正整数（基本单位）');
    if (moq !== null && multiple !== null && moq % multiple !== 0) bad('moq', `起订量 ${moq} 须为订购倍数 ${multiple} 的整数倍`);
    if (cell.status !== 'on_sale' && cell.status !== 'off_sale') bad('status', '状态须为 on_sale 或 off_sale');
    if (errors.length === before) {
      products.push({
        sku: cell.sku,
        name: cell.name,
        categoryId: cell.categoryId,
        spec: cell.spec,
        baseUnit: cell.baseUnit,
        listPrice: listPrice!,
        packUnits: packUnits!,
        moq: moq!,
        multiple: multiple!,
        status: cell.status as 'on_sale' | 'off_sale',
      });
    }
  });
  return { products: errors.length === 0 ? products : [], errors };
}
