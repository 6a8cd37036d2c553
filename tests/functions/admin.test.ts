import type { ImportCatalogOutput, RuleRecord } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

const HEADER = 'sku,name,categoryId,spec,baseUnit,listPrice,packUnits,moq,multiple,status';

describe('admin actions', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const admin = <T>(input: Record<string, unknown>, openid?: string, source?: string) =>
    t.call<T>('admin', input, openid, source ?? (openid ? 'wx_client' : 'wx_devtools'));

  it('accepts a brand admin by role and the cloud console without an openid, and nobody else', async () => {
    expect((await admin({ action: 'listRules' }, 'demo-admin')).ok).toBe(true);
    expect((await admin({ action: 'listRules' })).ok).toBe(true);
    for (const [openid, source, code] of [
      ['demo-dealer-a', 'wx_client', 'FORBIDDEN'],
      ['demo-manager', 'wx_client', 'FORBIDDEN'],
      [undefined, 'wx_client', 'UNAUTHENTICATED'],
      [undefined, 'wx_http', 'UNAUTHENTICATED'],
      [undefined, 'wx_client,scf', 'UNAUTHENTICATED'],
    ] as const) {
      const res = await admin({ action: 'listRules' }, openid, source);
      expect(res.ok ? 'ok' : res.error.code).toBe(code);
    }
  });

  it('creates a rule validated by its type’s schema and writes an audit entry', async () => {
    const rule = { code: 'line_amount_off', id: 'promo-test-off', name: '测试立减', stackingGroup: 'test', args: { amountOffPerUnit: 100 } };
    const res = await admin<{ created: boolean; version: number }>({ action: 'upsertRule', rule });
    expect(okData(res).created).toBe(true);
    const audit = t.cloud.store.all('audit_log').filter((a) => (a['target'] as { id: string }).id === 'promo-test-off');
    expect(audit).toHaveLength(1);
    expect(audit[0]!['actorId']).toBe('console');
  });

  it('refuses a rule with bad arguments and writes nothing', async () => {
    const before = t.cloud.store.all('price_rules').length;
    const res = await admin({
      action: 'upsertRule',
      rule: { code: 'price_list', id: 'pl-bad', name: 'x', args: { method: 'percent_of_list', percentBp: -5 } },
    });
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_INPUT');
    expect(t.cloud.store.all('price_rules').length).toBe(before);
  });

  it('lists rules page by page', async () => {
    const first = okData(await admin<{ items: RuleRecord[]; nextCursor: string | null }>({ action: 'listRules', limit: 5 }));
    expect(first.items).toHaveLength(5);
    const second = okData(await admin<{ items: RuleRecord[]; nextCursor: string | null }>({ action: 'listRules', limit: 5, cursor: first.nextCursor }));
    expect(second.items[0]!.rule.id > first.items[4]!.rule.id).toBe(true);
  });

  it('dry-runs a CSV import, reporting every bad row by line number and importing nothing', async () => {
    const csv = [
      HEADER,
      'sku-9001,新品绿茶,cat-0201,500ml×15瓶,件,4.50,箱:15|件:1,15,15,on_sale',
      'sku 9002,坏SKU,cat-0201,500ml,件,4.50,箱:15|件:1,15,15,on_sale',
      'sku-9003,价格错,cat-0201,500ml,件,4.505,箱:15|件:1,15,15,on_sale',
      'sku-9004,分类错,cat-nope,500ml,件,4.50,箱:15|件:1,15,15,on_sale',
      'sku-9005,倍数错,cat-0201,500ml,件,4.50,箱:15|件:1,20,15,on_sale',
      'sku-9001,重复,cat-0201,500ml,件,4.50,箱:15|件:1,15,15,on_sale',
    ].join('\n');
    const before = t.cloud.store.all('products').length;
    const r = okData(await admin<ImportCatalogOutput>({ action: 'importCatalog', csv, dryRun: false }));
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'sku'],
      [4, 'listPrice'],
      [5, 'categoryId'],
      [6, 'moq'],
      [7, 'sku'],
    ]);
    expect(r.created).toBe(0);
    expect(t.cloud.store.all('products').length).toBe(before);
  });

  it('imports a clean file, creating new products and updating existing ones by SKU', async () => {
    const csv = `\uFEFF${HEADER}\nsku-9101,新品乌龙茶 500ml,cat-0201,500ml×15瓶,件,4.50,箱:15|件:1,15,15,on_sale\nsku-0001,青禾天然矿泉水 350ml,cat-0101,350ml×24瓶/箱,件,1.10,件:1|箱:24,120,12,on_sale\n`;
    const dry = okData(await admin<ImportCatalogOutput>({ action: 'importCatalog', csv, dryRun: true }));
    expect(dry).toEqual({ dryRun: true, rows: 2, errors: [], created: 1, updated: 1 });
    expect(t.cloud.store.get('products', 'sku-9101')).toBeNull();
    okData(await admin<ImportCatalogOutput>({ action: 'importCatalog', csv, dryRun: false }));
    expect(t.cloud.store.get('products', 'sku-9101')?.doc['listPrice']).toBe(450);
    expect(t.cloud.store.get('products', 'sku-0001')?.doc['listPrice']).toBe(110);
  });
});
