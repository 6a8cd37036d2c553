/**
 * npm run bench -- pricing: quote a 100-line cart against 1k, 10k and 100k active rules over a
 * 5,000-SKU catalog, and price the same carts with json-rules-engine encoding the level price
 * lists and quantity tiers (the usual generic alternative) for comparison.
 *
 * The rule mix is catalog-shaped, as a brand's price book grows: level and level+region price
 * lists, per-SKU contract prices for many dealers, per-SKU quantity tiers, category promotions,
 * order thresholds, and expired or future promotions kept for history.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Engine } from 'json-rules-engine';
import type { CatalogProduct, DealerRef, Rule, RuleInput } from '../../shared/pricing';
import { indexRules, quote, ruleSchema } from '../../shared/pricing';
import { NO_CATEGORIES } from '../../shared/targeting';
import { Rng } from '../../mocks/seed/rng';

/** The seeded generator of the demo data: the same numbers every run. */
const seeded = (n: number): (() => number) => {
  const rng = new Rng(n);
  return () => rng.next();
};

const SKUS = 5000;
const CART = 100;
const NOW = Date.UTC(2026, 10, 15);
const LEVELS = ['A', 'B', 'C'] as const;
const REGIONS = ['east', 'south', 'north', 'west', 'central'] as const;

const sku = (i: number) => `S${String(i).padStart(5, '0')}`;

function catalog(): CatalogProduct[] {
  return Array.from({ length: SKUS }, (_, i) => ({
    _id: sku(i),
    sku: sku(i),
    name: `商品 ${i}`,
    categoryId: `cat-${i % 50}`,
    listPrice: 100 + (i % 400) * 5,
    baseUnit: '件',
    packUnits: [
      { name: '件', factor: 1 },
      { name: '箱', factor: 12 },
    ],
    moq: 12,
    multiple: 12,
    status: 'on_sale',
    visibility: { levels: [], regions: [], dealerIds: [] },
  }));
}

function rules(n: number, rnd: () => number): Rule[] {
  const out: RuleInput[] = [
    ...LEVELS.map((l, i): RuleInput => ({
      code: 'price_list',
      id: `pl-${l}`,
      name: `${l} 级价`,
      dealers: { levels: [l] },
      args: { method: 'percent_of_list', percentBp: 8500 + i * 500, rounding: 'half_up' },
    })),
    ...REGIONS.map((r): RuleInput => ({
      code: 'price_list',
      id: `pl-A-${r}`,
      name: `${r} A 级价`,
      priority: 5,
      dealers: { levels: ['A'], regions: [r] },
      args: { method: 'percent_of_list', percentBp: 8300, rounding: 'half_up' },
    })),
    {
      code: 'order_threshold_amount_off',
      id: 'thr-1',
      name: '满 2000 减 100',
      stackingGroup: 'order',
      args: { threshold: 200000, amountOff: 10000, repeatable: true, maxTimes: 5 },
    },
  ];
  for (let c = 0; c < 20; c++) {
    out.push({
      code: 'line_percent_off',
      id: `cat-promo-${c}`,
      name: `品类促销 ${c}`,
      products: { categoryIds: [`cat-${c}`] },
      stackingGroup: 'season',
      args: { percentOffBp: 300 + c * 10, rounding: 'half_up', minQty: 1 },
    });
  }
  let i = 0;
  while (out.length < n) {
    const kind = rnd();
    const s = sku(Math.floor(rnd() * SKUS));
    i++;
    if (kind < 0.45) {
      out.push({
        code: 'contract_price',
        id: `ct-${i}`,
        name: '合同价',
        dealers: { dealerIds: [`dealer-${Math.floor(rnd() * 2000)}`] },
        products: { skus: [s] },
        args: { price: 80 + Math.floor(rnd() * 1500) },
      });
    } else if (kind < 0.75) {
      out.push({
        code: 'quantity_tier',
        id: `tier-${i}`,
        name: '阶梯价',
        dealers: { levels: [LEVELS[Math.floor(rnd() * 3)]!] },
        products: { skus: [s] },
        args: {
          mode: rnd() < 0.5 ? 'all_units' : 'graduated',
          method: 'percent_off',
          rounding: 'half_up',
          tiers: [
            { minQty: 120, percentOffBp: 200 },
            { minQty: 600, percentOffBp: 500 },
          ],
        },
      });
    } else if (kind < 0.9) {
      // Promotions kept for history: expired or not started yet.
      const past = rnd() < 0.5;
      out.push({
        code: 'line_percent_off',
        id: `old-${i}`,
        name: '历史促销',
        validFrom: past ? NOW - 90 * 86_400_000 : NOW + 30 * 86_400_000,
        validTo: past ? NOW - 30 * 86_400_000 : NOW + 60 * 86_400_000,
        products: { skus: [s] },
        stackingGroup: 'history',
        args: { percentOffBp: 1000, rounding: 'half_up', minQty: 1 },
      });
    } else {
      out.push({
        code: 'special_price',
        id: `sp-${i}`,
        name: '特价',
        dealers: { regions: [REGIONS[Math.floor(rnd() * 5)]!] },
        products: { skus: [s] },
        stackingGroup: 'special',
        args: { price: 90 + Math.floor(rnd() * 500) },
      });
    }
  }
  return out.map((r) => ruleSchema.parse(r));
}

function carts(count: number, rnd: () => number): Array<Array<{ sku: string; qty: number; unit: string }>> {
  return Array.from({ length: count }, () => {
    const picked = new Set<number>();
    while (picked.size < CART) picked.add(Math.floor(rnd() * SKUS));
    return [...picked].map((i) => ({ sku: sku(i), qty: 1 + Math.floor(rnd() * 60), unit: '箱' }));
  });
}

/** Rounds of passes over every rule count's carts (see run). */
const ROUNDS = 7;

/** A full garbage collection, between measurements only (global.gc without starting node with --expose-gc). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(4);
}

/** The level price lists and quantity tiers as json-rules-engine rules: facts level, sku, qty. */
function jsonRulesEngine(all: Rule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const r of all) {
    if (r.code === 'price_list' && r.args.method === 'percent_of_list') {
      const conditions: Array<{ fact: string; operator: string; value: string[] }> = [{ fact: 'level', operator: 'in', value: r.dealers.levels }];
      if (r.dealers.regions.length > 0) conditions.push({ fact: 'region', operator: 'in', value: r.dealers.regions });
      engine.addRule({ conditions: { all: conditions }, event: { type: 'percent', params: { bp: r.args.percentBp } }, priority: 1 });
    } else if (r.code === 'quantity_tier' && r.args.method === 'percent_off') {
      for (const t of r.args.tiers) {
        engine.addRule({
          conditions: {
            all: [
              { fact: 'level', operator: 'in', value: r.dealers.levels },
              { fact: 'sku', operator: 'in', value: r.products.skus },
              { fact: 'qty', operator: 'greaterThanInclusive', value: t.minQty },
            ],
          },
          event: { type: 'tier', params: { bp: t.percentOffBp } },
          priority: 1,
        });
      }
    }
  }
  return engine;
}

async function jreQuote(engine: Engine, dealer: DealerRef, cart: Array<{ sku: string; qty: number }>, products: Map<string, CatalogProduct>): Promise<number> {
  let total = 0;
  for (const line of cart) {
    const p = products.get(line.sku)!;
    const qty = line.qty * 12;
    const { events } = await engine.run({ level: dealer.level, region: dealer.region, sku: line.sku, qty });
    const percent = Math.min(10_000, ...events.filter((e) => e.type === 'percent').map((e) => Number(e.params?.['bp'])));
    const tier = Math.max(0, ...events.filter((e) => e.type === 'tier').map((e) => Number(e.params?.['bp'])));
    const unit = Math.round((p.listPrice * percent) / 10_000);
    total += Math.round((unit * (10_000 - tier)) / 10_000) * qty;
  }
  return total;
}

export async function run(): Promise<void> {
  const products = catalog();
  const byId = new Map(products.map((p) => [p.sku, p]));
  const dealer: DealerRef = { id: 'dealer-7', level: 'A', region: 'east', parentDealerId: null };
  const sizes = [1000, 10_000, 100_000].map((n) => {
    const rnd = seeded(n);
    const all = rules(n, rnd);
    const t0 = performance.now();
    const index = indexRules(all, NO_CATEGORIES);
    const indexMs = performance.now() - t0;
    const work = carts(200, rnd);
    // As the function does: the catalog entries of the cart's SKUs (loaded with the cart), not the whole catalog.
    const entries = work.map((cart) => cart.map((l) => byId.get(l.sku)!));
    const quoteAll = (): number[] =>
      work.map((cart, k) => {
        const start = performance.now();
        const r = quote({ dealer, lines: cart, catalog: entries[k]!, now: NOW }, index);
        const ms = performance.now() - start;
        if (r.lines.filter((l) => l.kind === 'item').length !== CART) throw new Error('a cart line went missing');
        return ms;
      });
    return { n, all, indexMs, work, quoteAll, medians: [] as number[], samples: [] as number[] };
  });
  // Every size gets the same start: the garbage of building the rules and indexes collected, then
  // every cart of every size quoted once, so neither a collection nor the JIT favours one size.
  collectGarbage();
  for (const s of sizes) s.quoteAll();
  // ROUNDS rounds, each one pass over every size's carts (the order rotating), so a burst of load
  // from other processes hits the sizes alike; a size's figure is the median of its passes' medians.
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < sizes.length; j++) {
      const s = sizes[(round + j) % sizes.length]!;
      const samples = s.quoteAll();
      s.medians.push(percentile(samples, 0.5));
      s.samples.push(...samples);
    }
  }
  const median: Record<string, number> = {};
  const p95: Record<string, number> = {};
  let ratio = 0;
  for (const s of sizes) {
    median[s.n] = percentile(s.medians, 0.5);
    p95[s.n] = percentile(s.samples, 0.95);
    console.log(`${String(s.n).padStart(6)} rules  index ${s.indexMs.toFixed(0)} ms  quote median ${median[s.n]} ms  p95 ${p95[s.n]} ms`);
    if (s.n === 1000) {
      const engine = jsonRulesEngine(s.all);
      const jre: number[] = [];
      for (const cart of s.work.slice(0, 8)) {
        const start = performance.now();
        await jreQuote(engine, dealer, cart, byId);
        jre.push(performance.now() - start);
      }
      const jreMedian = percentile(jre, 0.5);
      ratio = +(jreMedian / median[s.n]!).toFixed(1);
      console.log(`json-rules-engine, same carts, level price lists + tiers only: median ${jreMedian.toFixed(2)} ms (${ratio}× slower)`);
    }
  }
  const growth = +(median[100_000]! / median[1000]!).toFixed(2);
  console.log(`growth from 1k to 100k rules: ${growth}×  (targets: median ≤ 1 ms at 10k, growth < 3×, ratio ≥ 50)`);
  console.log(JSON.stringify({ bench: 'pricing', median_ms: median, p95_ms: p95, growth, json_rules_engine_ratio: ratio }));
}
