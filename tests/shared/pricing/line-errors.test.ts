import { CATALOG, dealerA, dealerB, product, run } from './fixtures';

const withProduct = (over: Parameters<typeof product>[1]) => [product('X-1', { name: '龙井', ...over }), ...CATALOG];
const errorOf = (r: ReturnType<typeof run>) => r.errors[0];

describe('MOQ', () => {
  test('says the minimum in the buyer’s unit when it divides evenly: 最少 2 箱', () => {
    const r = run([], { catalog: withProduct({ moq: 24 }), lines: [{ sku: 'X-1', qty: 1, unit: '箱' }] });
    expect(r.ok).toBe(false);
    expect(errorOf(r)).toMatchObject({ lineIndex: 0, sku: 'X-1', code: 'MOQ_NOT_MET', message: '龙井 最少 2 箱' });
  });

  test('says the minimum in base units when it does not divide evenly, and suggests a quantity in the buyer’s unit', () => {
    const r = run([], { catalog: withProduct({ moq: 30 }), lines: [{ sku: 'X-1', qty: 2, unit: '箱' }] });
    expect(errorOf(r)).toMatchObject({ code: 'MOQ_NOT_MET', message: '龙井 最少 30 件，请改为 3 箱', details: { moq: 30, suggestedQty: 3, unit: '箱' } });
  });

  test('in base units: 最少 6 件', () => {
    const r = run([], { catalog: withProduct({ moq: 6 }), lines: [{ sku: 'X-1', qty: 5 }] });
    expect(errorOf(r)!.message).toBe('龙井 最少 6 件');
  });

  test('suggests a quantity that also meets the multiple', () => {
    const r = run([], { catalog: withProduct({ moq: 5, multiple: 4 }), lines: [{ sku: 'X-1', qty: 4 }] });
    expect(errorOf(r)!.message).toBe('龙井 最少 5 件，请改为 8 件');
  });

  test('exactly the MOQ is fine', () => {
    expect(run([], { catalog: withProduct({ moq: 24 }), lines: [{ sku: 'X-1', qty: 2, unit: '箱' }] }).ok).toBe(true);
  });
});

describe('multiples', () => {
  test('须为 6 件的倍数, with the nearest valid quantities', () => {
    const r = run([], { catalog: withProduct({ multiple: 6 }), lines: [{ sku: 'X-1', qty: 10 }] });
    expect(errorOf(r)).toMatchObject({
      code: 'NOT_MULTIPLE',
      message: '龙井 数量须为 6 件的倍数，可改为 6 件 或 12 件',
      details: { multiple: 6, suggestedQty: [6, 12] },
    });
  });

  test('in packs: 4 件/包 and a multiple of 6 件 means multiples of 3 包', () => {
    const r = run([], { catalog: withProduct({ multiple: 6, packUnits: [{ name: '包', factor: 4 }] }), lines: [{ sku: 'X-1', qty: 4, unit: '包' }] });
    expect(errorOf(r)!.message).toBe('龙井 数量须为 3 包的倍数，可改为 3 包 或 6 包');
  });

  test('a 箱 of 12 always satisfies a multiple of 6', () => {
    expect(run([], { catalog: withProduct({ multiple: 6 }), lines: [{ sku: 'X-1', qty: 1, unit: '箱' }] }).ok).toBe(true);
  });

  test('the lower suggestion is left out when it would break the MOQ', () => {
    const r = run([], { catalog: withProduct({ multiple: 6, moq: 6 }), lines: [{ sku: 'X-1', qty: 8 }] });
    expect(errorOf(r)!.message).toBe('龙井 数量须为 6 件的倍数，可改为 6 件 或 12 件');
    const r2 = run([], { catalog: withProduct({ multiple: 6, moq: 12 }), lines: [{ sku: 'X-1', qty: 14 }] });
    expect(errorOf(r2)!.message).toBe('龙井 数量须为 6 件的倍数，可改为 12 件 或 18 件');
  });
});

describe('other line errors', () => {
  test('UNKNOWN_SKU', () => {
    expect(errorOf(run([], { lines: [{ sku: 'NOPE', qty: 1 }] }))).toMatchObject({ code: 'UNKNOWN_SKU', message: '找不到商品 NOPE，请从购物车移除' });
  });

  test('INVALID_UNIT lists the units that can be used', () => {
    const r = run([], { lines: [{ sku: 'TEA-1', qty: 1, unit: '吨' }] });
    expect(errorOf(r)).toMatchObject({ code: 'INVALID_UNIT', message: '商品TEA-1 不能按「吨」订购，可选单位：件、箱', details: { units: ['件', '箱'] } });
  });

  test('INVALID_UNIT names each unit once, base unit first, and only units that can be ordered', () => {
    const packUnits = [
      { name: '件', factor: 1 },
      { name: '箱', factor: 12 },
      { name: '箱', factor: 12 },
      { name: '托', factor: 0 },
    ];
    const r = run([], { catalog: withProduct({ packUnits }), lines: [{ sku: 'X-1', qty: 1, unit: '吨' }] });
    expect(errorOf(r)).toMatchObject({ code: 'INVALID_UNIT', message: '龙井 不能按「吨」订购，可选单位：件、箱', details: { units: ['件', '箱'] } });
  });

  test('the base unit may be named explicitly', () => {
    expect(run([], { lines: [{ sku: 'TEA-1', qty: 1, unit: '件' }] }).ok).toBe(true);
  });

  test('OFF_SALE', () => {
    expect(errorOf(run([], { catalog: withProduct({ status: 'off_sale' }), lines: [{ sku: 'X-1', qty: 1 }] }))!.code).toBe('OFF_SALE');
  });

  test('DUPLICATE_SKU on the second line of the same SKU', () => {
    const r = run([], {
      lines: [
        { sku: 'TEA-1', qty: 1 },
        { sku: 'TEA-1', qty: 1, unit: '箱' },
      ],
    });
    expect(r.errors).toEqual([expect.objectContaining({ lineIndex: 1, code: 'DUPLICATE_SKU', message: '商品TEA-1 已在第 1 行，请合并为一行' })]);
  });

  test('a line in error is not priced and does not count towards totals; the others still are', () => {
    const r = run([], {
      lines: [
        { sku: 'NOPE', qty: 1 },
        { sku: 'TEA-1', qty: 2 },
      ],
    });
    expect(r.lines.map((l) => [l.sku, l.amount, l.error?.code ?? null])).toEqual([
      ['NOPE', 0, 'UNKNOWN_SKU'],
      ['TEA-1', 2000, null],
    ]);
    expect(r.totals.payable).toBe(2000);
  });
});

describe('visibility (NOT_VISIBLE)', () => {
  const cases: Array<[string, { levels: string[]; regions: string[]; dealerIds: string[] }, boolean, boolean]> = [
    ['everyone', { levels: [], regions: [], dealerIds: [] }, true, true],
    ['level A only', { levels: ['A'], regions: [], dealerIds: [] }, true, false],
    ['region west only', { levels: [], regions: ['west'], dealerIds: [] }, false, true],
    ['level A in the east', { levels: ['A'], regions: ['east'], dealerIds: [] }, true, false],
    ['level B in the east', { levels: ['B'], regions: ['east'], dealerIds: [] }, false, false],
    ['one named dealer', { levels: [], regions: [], dealerIds: [dealerB.id] }, false, true],
    ['level A, or a named dealer', { levels: ['A'], regions: [], dealerIds: [dealerB.id] }, true, true],
  ];
  test.each(cases)('visible to %s: A-east dealer %s, B-west dealer %s', (_, visibility, a, b) => {
    const catalog = withProduct({ visibility });
    for (const [dealer, visible] of [
      [dealerA, a],
      [dealerB, b],
    ] as const) {
      const r = run([], { dealer, catalog, lines: [{ sku: 'X-1', qty: 1 }] });
      expect(r.errors.map((e) => e.code)).toEqual(visible ? [] : ['NOT_VISIBLE']);
    }
  });

  test('a hidden product that is also off sale reports NOT_VISIBLE, revealing nothing', () => {
    const r = run([], {
      catalog: withProduct({ status: 'off_sale', visibility: { levels: ['C'], regions: [], dealerIds: [] } }),
      lines: [{ sku: 'X-1', qty: 1 }],
    });
    expect(errorOf(r)).toMatchObject({ code: 'NOT_VISIBLE', message: '龙井 不在您的可订范围内，请从购物车移除' });
  });
});
