import { compileDealerTarget, coveredCategories, dealerKeys, matchesCompiled } from '../targeting';
import type { CategoryTree, CompiledDealerTarget } from '../targeting';
import type { AnyDefinition } from './rule-kit';
import { definitionOf } from './rules';
import type { Rule } from './rules';
import type { DealerRef } from './types';

/**
 * A rule made ready for quoting: its definition looked up, its lists turned into sets, its
 * ordering keys computed. Built once by indexRules, never per quote.
 */
export interface CompiledRule {
  readonly rule: Rule;
  readonly def: AnyDefinition;
  /** Position in the order (priority desc, id asc): the one tie-break of the engine. */
  readonly rank: number;
  readonly priority: number;
  readonly from: number;
  readonly to: number;
  /** No validity window (from = -∞, to = ∞): quoting skips the time check. */
  readonly alwaysValid: boolean;
  /** Who it is for, compiled once (shared/targeting); the buckets it is filed under are its keys. */
  readonly dealers: CompiledDealerTarget;
  /** 3 dealer, 2 level+region, 1 level or region, 0 everyone. */
  readonly dealerSpecificity: number;
  /** 2 SKU, 1 category, 0 all products. */
  readonly productSpecificity: number;
  readonly group: string;
  readonly usageLimit: number | null;
  /** Indexed under more than one key a line can hit, so a line may find it twice. */
  readonly mayRepeat: boolean;
  /** What a price rule's definition prepared from its args (PriceDefinition.prepare), else undefined. */
  readonly prepared: unknown;
}

interface Bucket {
  bySku: Map<string, CompiledRule[]>;
  /** Under every category the rule covers: each it names and each below those (see targeting/categories.ts). */
  byCategory: Map<string, CompiledRule[]>;
  /** Rules for all products. */
  all: CompiledRule[];
}

/** A bucket of rules with a validity window, and the instants at which any of them is valid. */
interface TimedBucket extends Bucket {
  /**
   * The union of its rules' windows as sorted, disjoint [from, to) pairs, flattened
   * ([from0, to0, from1, to1, …]): a quote at an instant outside all of them skips the bucket.
   */
  windows: number[];
}

/**
 * Lookup maps over the rules: first by who (dealer id 'd:', level+region 'lr:', level 'l:',
 * region 'r:', everyone '*'), then by what (SKU, category, all products). A quote reads only the buckets of its dealer
 * and the SKUs and categories of its cart, so its cost follows the cart, not the rule count.
 * Rules with a validity window (promotions kept for history, or not started yet) are filed apart,
 * in `timedBuckets`: a quote reads a dealer's timed bucket only when one of its rules is valid at
 * that instant, so expired and future rules cost it nothing.
 */
export interface RuleIndex {
  readonly size: number;
  /** Rules valid at every instant. */
  readonly buckets: ReadonlyMap<string, Bucket>;
  /** Rules with a validity window, under the same keys. */
  readonly timedBuckets: ReadonlyMap<string, TimedBucket>;
  /** Every rule by id (for the lead's tooling and tests). */
  readonly byId: ReadonlyMap<string, CompiledRule>;
  /** Gift SKUs of 搭赠 rules by the SKU / category / '*' that triggers them (see giftSkusFor). */
  readonly giftTriggers: ReadonlyMap<string, readonly string[]>;
  /** Whether any promotion limits its uses per dealer (if none, a quote needs no usage counts). */
  readonly hasUsageLimits: boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Sorted, disjoint [from, to) pairs (flattened) covering the same instants as the given windows. */
function mergeWindows(windows: ReadonlyArray<readonly [number, number]>): number[] {
  const out: number[] = [];
  for (const [from, to] of [...windows].sort((a, b) => a[0] - b[0])) {
    const last = out.length - 1;
    if (last > 0 && from <= (out[last] as number)) out[last] = Math.max(out[last] as number, to);
    else out.push(from, to);
  }
  return out;
}

/** Whether `now` falls in one of the merged windows (binary search on their starts). */
function openAt(windows: readonly number[], now: number): boolean {
  let lo = 0;
  let hi = windows.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((windows[2 * mid] as number) <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && now < (windows[2 * lo - 1] as number);
}

/**
 * Builds the index of the given rules (already validated with ruleSchema). Disabled rules are
 * left out; validity windows are checked per quote since `now` moves (a rule with a window is filed
 * in `timedBuckets`, each of which knows when any of its rules is valid). Throws on a duplicate id
 * or an unknown code: those are bugs in the caller, not business outcomes.
 *
 * `categories` is the catalog's category tree: a rule naming a category is indexed under that
 * category and every one below it, so a rule on 果蔬汁 finds the products of NFC果汁 (a product's
 * own category is a leaf). Build the index again when the tree changes.
 */
export function indexRules(rules: readonly Rule[], categories: CategoryTree): RuleIndex {
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw new Error(`indexRules: duplicate rule id ${r.id}`);
    seen.add(r.id);
  }
  const sorted = rules.filter((r) => r.enabled).sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const buckets = new Map<string, Bucket>();
  const timedBuckets = new Map<string, TimedBucket>();
  const windows = new Map<string, Array<[number, number]>>();
  const byId = new Map<string, CompiledRule>();
  const giftTriggers = new Map<string, string[]>();
  sorted.forEach((rule, rank) => {
    const def = definitionOf(rule.code);
    if (!def) throw new Error(`indexRules: unknown rule code ${rule.code}`);
    const dealers = compileDealerTarget(rule.dealers);
    const skus = def.kind === 'line_promotion' && def.indexSkus ? def.indexSkus(rule) : rule.products.skus;
    const named = def.kind === 'line_promotion' && def.indexSkus ? [] : rule.products.categoryIds;
    const covered = coveredCategories(categories, named);
    const isPromotion = 'stackingGroup' in rule;
    const compiled: CompiledRule = {
      rule,
      def,
      rank,
      priority: rule.priority,
      from: rule.validFrom ?? -Infinity,
      to: rule.validTo ?? Infinity,
      alwaysValid: rule.validFrom === null && rule.validTo === null,
      dealers,
      dealerSpecificity: dealers.specificity,
      productSpecificity: skus.length > 0 ? 2 : named.length > 0 ? 1 : 0,
      group: isPromotion ? rule.stackingGroup : '',
      usageLimit: isPromotion ? rule.usageLimitPerDealer : null,
      mayRepeat: (skus.length > 0 && covered.length > 0) || (dealers.dealerIds.size > 0 && dealers.keys.length > dealers.dealerIds.size),
      prepared: def.kind === 'price' && def.prepare ? def.prepare(rule) : undefined,
    };
    byId.set(rule.id, compiled);
    for (const key of dealers.keys) {
      let bucket: Bucket;
      if (compiled.alwaysValid) {
        const found = buckets.get(key);
        bucket = found ?? { bySku: new Map(), byCategory: new Map(), all: [] };
        if (!found) buckets.set(key, bucket);
      } else {
        const found = timedBuckets.get(key);
        const timed: TimedBucket = found ?? { bySku: new Map(), byCategory: new Map(), all: [], windows: [] };
        if (!found) timedBuckets.set(key, timed);
        bucket = timed;
        push(windows, key, [compiled.from, compiled.to]);
      }
      for (const sku of skus) push(bucket.bySku, sku, compiled);
      for (const c of covered) push(bucket.byCategory, c, compiled);
      if (skus.length === 0 && covered.length === 0) bucket.all.push(compiled);
    }
    if (def.kind === 'line_promotion' && def.giftSkus) {
      const gifts = def.giftSkus(rule);
      if (gifts.length > 0) {
        const triggers = skus.length + covered.length === 0 ? ['*'] : [...skus.map((s) => `s:${s}`), ...covered.map((c) => `c:${c}`)];
        for (const t of triggers) giftTriggers.set(t, [...(giftTriggers.get(t) ?? []), ...gifts]);
      }
    }
  });
  for (const [key, bucket] of timedBuckets) bucket.windows = mergeWindows(windows.get(key) ?? []);
  const hasUsageLimits = [...byId.values()].some((r) => r.usageLimit !== null);
  return { size: sorted.length, buckets, timedBuckets, byId, giftTriggers, hasUsageLimits };
}

/**
 * The buckets a dealer reads at `now`, in a fixed order: per dealer key its bucket of rules valid
 * at every instant, then its timed bucket when one of that bucket's rules is valid at `now`. The
 * rules of a timed bucket still need their own window checked.
 */
export function dealerBuckets(index: RuleIndex, dealer: DealerRef, now: number): Bucket[] {
  const out: Bucket[] = [];
  for (const key of dealerKeys(dealer)) {
    const b = index.buckets.get(key);
    if (b) out.push(b);
    const t = index.timedBuckets.get(key);
    if (t && openAt(t.windows, now)) out.push(t);
  }
  return out;
}

/** Whether a compiled rule is for this dealer: matchesDealer on its compiled targeting (the index files it under exactly the keys of these dealers). */
export function ruleMatchesDealer(r: CompiledRule, dealer: DealerRef): boolean {
  return matchesCompiled(r.dealers, dealer);
}

/**
 * SKUs a quote of these products may give away (搭赠 of another SKU), so the caller can load
 * them into the catalog with the cart's own products. A superset: targeting and time are not
 * checked here.
 */
export function giftSkusFor(index: RuleIndex, products: ReadonlyArray<{ sku: string; categoryId: string }>): string[] {
  const out = new Set<string>(index.giftTriggers.get('*') ?? []);
  for (const p of products) {
    for (const s of index.giftTriggers.get(`s:${p.sku}`) ?? []) out.add(s);
    for (const s of index.giftTriggers.get(`c:${p.categoryId}`) ?? []) out.add(s);
  }
  return [...out].sort();
}
