import fc from 'fast-check';
import {
  accrue,
  aggregateFrom,
  canonicalJson,
  digest64,
  emptyAggregate,
  evaluate,
  explainSettlement,
  Hash64,
  mergeAggregates,
  periodRange,
  policyApplies,
  policyDigestOf,
  policyRange,
  rebatePolicySchema,
  recompute,
  settle,
  settlementInputsText,
  traceOf,
} from '../../../shared/rebates';
import type { Delivery, DeliveryAggregate, RebateDealer, RebateFacts, RebatePolicy, SettlementRecord } from '../../../shared/rebates';
import { dealer, dealerB, policy, sh } from './fixtures';

const CLOSE = sh(2025, 4, 1, 2);
const Q = '2025-Q1';

/** Three policies whose full traces were captured from the engine before records became lean. */
const prog = policy({
  id: 'tea-prog',
  code: 'volume_tiers',
  periodKind: 'quarter',
  capFen: 150_000,
  rounding: 'half_even',
  scope: { includeCategories: ['cat-tea'], excludeSkus: ['TEA-2'] },
  args: {
    basis: 'amount',
    mode: 'progressive',
    tiers: [
      { from: 10_000_000, rateBp: 100 },
      { from: 20_000_000, rateBp: 250 },
    ],
  },
});
const target = policy({
  id: 'q-target',
  code: 'target_attainment',
  periodKind: 'quarter',
  args: {
    tiers: [
      { minAttainmentBp: 8_000, rateBp: 100 },
      { minAttainmentBp: 10_000, rateBp: 200 },
    ],
  },
});
const camp = policy({
  id: 'spring',
  code: 'campaign_reward',
  periodKind: 'quarter',
  scope: { includeSkus: ['TEA-1'] },
  args: { window: { from: sh(2025, 3, 10, 10), to: sh(2025, 3, 20, 10) }, perUnitFen: 500 },
});
const ds: Delivery[] = [
  {
    ref: 'a',
    dealerId: dealer.id,
    at: sh(2025, 1, 5),
    lines: [
      { sku: 'TEA-1', categoryId: 'cat-tea', qty: 100, payable: 20_000_333 },
      { sku: 'TEA-2', categoryId: 'cat-tea', qty: 10, payable: 5_000_000 },
      { sku: 'SNK-1', categoryId: 'cat-snack', qty: 7, payable: 700_000 },
    ],
  },
  { ref: 'b', dealerId: dealer.id, at: sh(2025, 3, 12), lines: [{ sku: 'TEA-1', categoryId: 'cat-tea', qty: 13, payable: 2_600_000 }] },
];
const sampleFacts: RebateFacts = {
  dealer,
  period: Q,
  current: aggregateFrom(dealer.id, Q, ds),
  targets: { 'q-target': 30_000_000 },
  windows: { spring: aggregateFrom(dealer.id, Q, ds, policyRange(camp, Q)!) },
};

function settleSample() {
  const r = settle([prog, target, camp], { [dealer.id]: sampleFacts }, Q, CLOSE);
  if (!r.ok) throw new Error(r.message);
  return r;
}
const byPolicy = (id: string) => settleSample().records.find((x) => x.policyId === id)!;

describe('a lean settlement record renders its trace on demand', () => {
  test('the trace is word for word what settlement stored before records became lean', () => {
    expect(traceOf(byPolicy('tea-prog'), prog).map((s) => s.text)).toEqual([
      '口径：品类 cat-tea；不含 SKU TEA-2；按签收时间（上海时间）计入2025年第1季度，统计 2025-01-01 00:00:00 至 2025-04-01 00:00:00（不含）；退货冲减所退货物原计入的期间',
      '2025年第1季度净提货 ¥226,003.33 达到第 2 档（≥ ¥200,000.00，返 2.5%）',
      '分段计：第 1 档 ¥100,000.00 × 1% = ¥1,000.00；第 2 档 ¥26,003.33 × 2.5% = ¥650.08325；合计 ¥1,650.08325，计 ¥1,650.08（银行家舍入到分）',
      '超过本期上限 ¥1,500.00，按上限计 ¥1,500.00',
      '2025年第1季度应得返利 ¥1,500.00',
    ]);
    expect(traceOf(byPolicy('tea-prog'), prog)[3]).toEqual({
      step: 'cap',
      text: '超过本期上限 ¥1,500.00，按上限计 ¥1,500.00',
      values: { capFen: 150_000, before: 165_008, after: 150_000, capped: true },
    });
    expect(traceOf(byPolicy('q-target'), target).map((s) => s.text)).toEqual([
      '口径：全部商品；按签收时间（上海时间）计入2025年第1季度，统计 2025-01-01 00:00:00 至 2025-04-01 00:00:00（不含）；退货冲减所退货物原计入的期间',
      '2025年第1季度净提货 ¥283,003.33，目标 ¥300,000.00，达成 94.33%，达到第 1 档（达成 ≥ 80%，即 ≥ ¥240,000.00，返 1%）',
      '按全部净提货计：¥283,003.33 × 1% = ¥2,830.03（四舍五入到分）',
      '2025年第1季度应得返利 ¥2,830.03',
    ]);
    expect(traceOf(byPolicy('spring'), camp)).toEqual([
      {
        step: 'scope',
        text: '口径：SKU TEA-1；按签收时间（上海时间）计入2025年第1季度，统计 2025-03-10 10:00:00 至 2025-03-20 10:00:00（不含）；退货冲减所退货物原计入的期间',
        values: { period: Q, rangeStart: 1_741_572_000_000, rangeEnd: 1_742_436_000_000, amount: 2_600_000, qty: 13, lastYearAmount: null, target: null },
      },
      {
        step: 'amount',
        text: '活动期（2025-03-10 10:00:00 至 2025-03-20 10:00:00，不含结束时刻）内2025年第1季度活动商品净提货 13 件，每件奖励 ¥5.00：13 件 × ¥5.00 = ¥65.00',
        values: { units: 13, perUnitFen: 500, windowFrom: 1_741_572_000_000, windowTo: 1_742_436_000_000, amount: 6_500 },
      },
      { step: 'earned', text: '2025年第1季度应得返利 ¥65.00', values: { earned: 6_500 } },
    ]);
  });

  test('the record keeps the numbers that recompute and explain it, and no words', () => {
    const rec = byPolicy('tea-prog');
    expect(rec).toEqual({
      id: 'tea-prog:d-hz-01:2025-Q1',
      policyId: 'tea-prog',
      policyCode: 'volume_tiers',
      policyDigest: policyDigestOf(prog),
      dealerId: dealer.id,
      dealer,
      period: Q,
      amount: 150_000,
      earnedBeforeCap: 165_008,
      capped: true,
      measure: 'amount',
      basis: 22_600_333,
      tierIndex: 1,
      rateBp: 250,
      perUnitFen: null,
      exactBp: '1650083250',
      inputs: { range: periodRange(Q), current: { amount: 22_600_333, qty: 113 }, lastYear: null, target: null },
      inputsDigest: digest64(settlementInputsText(rec)),
      settledAt: CLOSE,
    });
    expect(JSON.stringify(rec).length).toBeLessThan(700);
  });

  test('each policy is stored once per settle, under its digest', () => {
    const r = settleSample();
    expect(Object.keys(r.policies).sort()).toEqual([policyDigestOf(prog), policyDigestOf(target), policyDigestOf(camp)].sort());
    for (const rec of r.records) expect(r.policies[rec.policyDigest]?.id).toBe(rec.policyId);
    // The digest is of the content, whatever the key order it was written in.
    const reordered = Object.fromEntries(Object.entries(prog).reverse()) as RebatePolicy;
    expect(policyDigestOf(reordered)).toBe(policyDigestOf(prog));
    expect(policyDigestOf({ ...prog, capFen: 150_001 })).not.toBe(policyDigestOf(prog));
  });

  test('the same text every time, and after the record and the policy went through storage', () => {
    const rec = byPolicy('tea-prog');
    const text = explainSettlement(rec, prog);
    expect(text.split('\n')).toHaveLength(5);
    expect(explainSettlement(rec, prog)).toBe(text);
    expect(explainSettlement(JSON.parse(JSON.stringify(rec)) as SettlementRecord, JSON.parse(JSON.stringify(prog)) as RebatePolicy)).toBe(text);
    expect(explainSettlement(byPolicy('tea-prog'), prog)).toBe(text);
  });

  test('equals what evaluate() says for the same facts at settledAt', () => {
    for (const [id, p] of [
      ['tea-prog', prog],
      ['q-target', target],
      ['spring', camp],
    ] as const) {
      expect(traceOf(byPolicy(id), p)).toEqual(evaluate(p, sampleFacts, CLOSE).trace);
    }
  });

  test('refuses another version of the policy, and a record whose figures do not follow from its inputs', () => {
    const rec = byPolicy('tea-prog');
    const edited = { ...prog, capFen: 200_000 };
    expect(() => traceOf(rec, edited)).toThrow(/policy version/);
    expect(() => recompute(rec, sampleFacts, edited)).toThrow(/policy version/);
    expect(() => traceOf(rec, target)).toThrow(RangeError);
    expect(() => traceOf({ ...rec, amount: rec.amount + 1 }, prog)).toThrow(/states/);
    expect(() => traceOf({ ...rec, inputs: { ...rec.inputs, current: { amount: 1, qty: 1 } } }, prog)).toThrow(/states/);
    // recompute reports a tampered record as not identical rather than trusting it.
    expect(recompute({ ...rec, exactBp: '1' }, sampleFacts, prog).identical).toBe(false);
    expect(recompute(rec, sampleFacts, prog).identical).toBe(true);
  });
});

describe('the inputs digest', () => {
  const base = byPolicy('tea-prog');
  const variants: Array<[string, SettlementRecord]> = [
    ['current amount', { ...base, inputs: { ...base.inputs, current: { amount: base.inputs.current.amount + 1, qty: base.inputs.current.qty } } }],
    ['current qty', { ...base, inputs: { ...base.inputs, current: { amount: base.inputs.current.amount, qty: base.inputs.current.qty - 1 } } }],
    ['last year', { ...base, inputs: { ...base.inputs, lastYear: { amount: 0, qty: 0 } } }],
    ['target', { ...base, inputs: { ...base.inputs, target: 0 } }],
    ['range', { ...base, inputs: { ...base.inputs, range: { start: base.inputs.range!.start, end: base.inputs.range!.end - 1 } } }],
    ['dealer level', { ...base, dealer: { ...base.dealer, level: 'B' } }],
    ['dealer region', { ...base, dealer: { ...base.dealer, region: 'west' } }],
    ['settledAt', { ...base, settledAt: base.settledAt + 1 }],
    ['policy version', { ...base, policyDigest: policyDigestOf({ ...prog, capFen: 1 }) }],
  ];

  test('is 16 hex digits of the canonical inputs text, and what settle computes incrementally', () => {
    expect(base.inputsDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(base.inputsDigest).toBe(digest64(settlementInputsText(base)));
    expect(settlementInputsText(base)).toBe(
      [
        'rebate-settlement-inputs/2',
        `policy=${policyDigestOf(prog)}`,
        'period=2025-Q1',
        `settledAt=${CLOSE}`,
        `range=${periodRange(Q).start},${periodRange(Q).end}`,
        'dealer=["d-hz-01","A","east"]',
        'current=22600333,113',
        'lastYear=-',
        'target=-',
      ].join('\n'),
    );
  });

  test.each(variants)('changes when the %s changes', (_what, changed) => {
    expect(digest64(settlementInputsText(changed))).not.toBe(base.inputsDigest);
  });

  test('all the variants differ from each other too', () => {
    const all = new Set([base, ...variants.map(([, v]) => v)].map((r) => digest64(settlementInputsText(r))));
    expect(all.size).toBe(variants.length + 1);
  });

  test('recompute with changed facts gives a different digest; with the same facts the same one', () => {
    const more: RebateFacts = {
      ...sampleFacts,
      current: accrue(sampleFacts.current, {
        ref: 'c',
        dealerId: dealer.id,
        at: sh(2025, 2, 1),
        lines: [{ sku: 'TEA-9', categoryId: 'cat-tea', qty: 1, payable: 1 }],
      }),
    };
    expect(recompute(base, more, prog).inputsDigest).not.toBe(base.inputsDigest);
    expect(recompute(base, sampleFacts, prog).inputsDigest).toBe(base.inputsDigest);
  });

  test('Hash64 fed piecewise (text and int) equals the hash of the whole string', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.oneof(fc.maxSafeInteger(), fc.integer(), fc.constant(0), fc.constant(-0))), fc.string(), (head, ints, tail) => {
        const h = new Hash64().text(head);
        let whole = head;
        for (const n of ints) {
          h.int(n).text(',');
          whole += `${String(n)},`;
        }
        expect(h.text(tail).hex()).toBe(digest64(whole + tail));
      }),
    );
    expect(digest64('')).toMatch(/^[0-9a-f]{16}$/);
    expect(digest64('a')).not.toBe(digest64('b'));
  });
});

describe('property: settle gives what evaluating each policy one by one gives', () => {
  const { start, end } = periodRange(Q);
  const SKUS = ['A1', 'A2', 'B1', 'C1'];
  const CATS = ['ca', 'cb', 'cc'];
  const dealers: RebateDealer[] = [dealer, dealerB, { id: 'd-sh-03', level: 'A', region: 'west' }];
  const rounding = fc.constantFrom('half_up' as const, 'half_even' as const, 'down' as const, 'up' as const);
  const scope = fc.record({
    includeSkus: fc.subarray(SKUS, { maxLength: 2 }),
    includeCategories: fc.subarray(CATS, { maxLength: 2 }),
    excludeSkus: fc.subarray(SKUS, { maxLength: 1 }),
    excludeCategories: fc.subarray(CATS, { maxLength: 1 }),
  });
  const ascending = (maxStep: number, first: number) =>
    fc.array(fc.tuple(fc.integer({ min: 1, max: maxStep }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 4 }).map((xs) => {
      let from = first - 1;
      let rate = 0;
      return xs.map(([df, dr]) => {
        from += df;
        rate = Math.min(rate + dr, 10_000);
        return [from, rate] as const;
      });
    });
  const common = fc.record({
    capFen: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
    rounding,
    scope,
    dealers: fc.constantFrom({}, { levels: ['A'] }, { regions: ['east'] }, { dealerIds: [dealerB.id] }),
    validFrom: fc.constantFrom(null, sh(2025, 2, 1), sh(2025, 5, 1)),
  });
  const policyArb = (id: string) =>
    fc
      .oneof(
        fc
          .tuple(common, fc.constantFrom('retroactive', 'progressive'), ascending(3_000_000, 0))
          .map(([b, mode, t]) => ({ ...b, code: 'volume_tiers', args: { basis: 'amount', mode, tiers: t.map(([from, rateBp]) => ({ from, rateBp })) } })),
        fc
          .tuple(common, fc.constantFrom('retroactive', 'progressive'), ascending(300, 0))
          .map(([b, mode, t]) => ({ ...b, code: 'volume_tiers', args: { basis: 'qty', mode, tiers: t.map(([from, perUnitFen]) => ({ from, perUnitFen })) } })),
        fc
          .tuple(common, ascending(5_000, 1))
          .map(([b, t]) => ({ ...b, code: 'target_attainment', args: { tiers: t.map(([minAttainmentBp, rateBp]) => ({ minAttainmentBp, rateBp })) } })),
        fc
          .tuple(common, fc.constantFrom('increment', 'whole'), ascending(5_000, 0))
          .map(([b, appliesTo, t]) => ({ ...b, code: 'growth', args: { appliesTo, tiers: t.map(([minGrowthBp, rateBp]) => ({ minGrowthBp, rateBp })) } })),
        fc
          .tuple(
            common,
            fc.integer({ min: start - 5 * 86_400_000, max: end }),
            fc.integer({ min: 3_600_000, max: 60 * 86_400_000 }),
            fc.integer({ min: 1, max: 5_000 }),
          )
          .map(([b, from, length, perUnitFen]) => ({
            ...b,
            validFrom: null,
            code: 'campaign_reward',
            scope: { ...b.scope, includeSkus: ['A1'] },
            args: { window: { from, to: from + length }, perUnitFen },
          })),
      )
      .map((p) => rebatePolicySchema.parse({ ...p, id, name: id, periodKind: 'quarter' }));
  const line = fc.tuple(
    fc.integer({ min: start, max: end - 1 }),
    fc.constantFrom(...SKUS),
    fc.constantFrom(...CATS),
    fc.integer({ min: -20, max: 400 }),
    fc.integer({ min: -200_000, max: 9_000_000 }),
  );
  const toDeliveries = (dealerId: string, lines: Array<[number, string, string, number, number]>, shift = 0): Delivery[] =>
    lines.map(([at, sku, categoryId, qty, payable], i) => ({ ref: `${dealerId}-${i}`, dealerId, at: at - shift, lines: [{ sku, categoryId, qty, payable }] }));

  test('same records, amounts, caps, tiers, inputs and traces as evaluate() at the closing instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(`p${i}`)))),
        fc.array(fc.array(line, { maxLength: 10 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.array(line, { maxLength: 6 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 30_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        (policies, lines, lastYearLines, targets, after) => {
          const factsByDealer: Record<string, RebateFacts> = {};
          dealers.forEach((d, k) => {
            const current = toDeliveries(d.id, lines[k]!);
            const windows: Record<string, DeliveryAggregate> = {};
            for (const p of policies) {
              const r = policyRange(p, Q);
              if (r && (r.start !== start || r.end !== end)) windows[p.id] = aggregateFrom(d.id, Q, current, r);
            }
            factsByDealer[d.id] = {
              dealer: d,
              period: Q,
              current: aggregateFrom(d.id, Q, current),
              lastYear: aggregateFrom(d.id, '2024-Q1', toDeliveries(d.id, lastYearLines[k]!, 366 * 86_400_000)),
              targets: Object.fromEntries(policies.map((p) => [p.id, targets[k]!])),
              windows,
            };
          });
          const now = end + after;
          const settled = settle(policies, factsByDealer, Q, now);
          if (!settled.ok) throw new Error(settled.message);
          const expected: Array<[string, number]> = [];
          for (const d of [...dealers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
            for (const p of [...policies].sort((a, b) => (a.id < b.id ? -1 : 1)))
              if (policyApplies(p, d, Q)) expected.push([`${p.id}:${d.id}:${Q}`, evaluate(p, factsByDealer[d.id]!, now).earned]);
          }
          expect(settled.records.map((r) => [r.id, r.amount])).toEqual(expected);
          for (const rec of settled.records) {
            const p = settled.policies[rec.policyDigest]!;
            const e = evaluate(p, factsByDealer[rec.dealerId]!, now);
            expect([rec.amount, rec.earnedBeforeCap, rec.capped, rec.basis, rec.measure, rec.tierIndex, rec.rateBp]).toEqual([
              e.earned,
              e.earnedBeforeCap,
              e.capped,
              e.basis,
              e.measure,
              e.tierReached?.index ?? null,
              e.tierReached?.rateBp ?? null,
            ]);
            expect(rec.inputs).toEqual(e.inputs);
            expect(canonicalJson(traceOf(rec, p))).toBe(canonicalJson(e.trace));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('merging shares unchanged cells with its parts and never changes them', () => {
  test('parts are left as they were, also after accruing into the merged aggregate', () => {
    const month = (m: string, ls: Array<[string, string, number, number]>) =>
      aggregateFrom(dealer.id, m, [
        { ref: m, dealerId: dealer.id, at: periodRange(m).start + 1, lines: ls.map(([sku, categoryId, qty, payable]) => ({ sku, categoryId, qty, payable })) },
      ]);
    const parts = [
      month('2025-01', [
        ['A', 'ca', 1, 100],
        ['B', 'cb', 2, 200],
      ]),
      month('2025-02', [
        ['A', 'ca', -1, -100],
        ['C', 'ca', 3, 300],
      ]),
      month('2025-03', [['B', 'cc', 1, 50]]),
    ];
    const before = JSON.stringify(parts);
    const merged = mergeAggregates(dealer.id, Q, parts);
    expect(merged.bySku).toEqual({
      B: { amount: 250, qty: 3, categories: { cb: { amount: 200, qty: 2 }, cc: { amount: 50, qty: 1 } } },
      C: { amount: 300, qty: 3, categories: { ca: { amount: 300, qty: 3 } } },
    });
    expect(merged.byCategory).toEqual({ cb: { amount: 200, qty: 2 }, ca: { amount: 300, qty: 3 }, cc: { amount: 50, qty: 1 } });
    accrue(merged, { ref: 'x', dealerId: dealer.id, at: sh(2025, 2, 2), lines: [{ sku: 'C', categoryId: 'ca', qty: -3, payable: -300 }] });
    expect(JSON.stringify(parts)).toBe(before);
    expect(mergeAggregates(dealer.id, Q, parts)).toEqual(merged);
    expect(mergeAggregates(dealer.id, Q, [])).toEqual(emptyAggregate(dealer.id, Q));
  });
});
