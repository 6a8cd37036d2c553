/**
 * 经销商范围 (dealer scope): who a price rule, rebate policy, product, campaign or approval rule
 * is for, by dealer level, sales region and dealer id. The one reading, used everywhere:
 *
 * - A dealer named in `dealerIds` always matches.
 * - Otherwise each non-empty list among `levels` and `regions` must contain the dealer's, so
 *   levels [A] + regions [east] = 华东 A 级 only.
 * - All lists empty: every dealer. Only `dealerIds` non-empty: only those dealers.
 *
 * Where a caller reads an empty list differently, the difference is a named schema here, not
 * a second matcher: an approval rule's level list must not be empty (`requiredLevelsSchema`),
 * since a rule meant to select orders would otherwise select every order.
 *
 * Levels and regions are validated against DEALER_LEVELS and REGIONS: a misspelt code is a
 * validation error when the rule is saved, never a rule that silently matches no dealer.
 */
import { z } from 'zod';
import { DEALER_LEVELS, REGIONS } from '../dealer';
import type { DealerLevel, RegionCode } from '../dealer';

const LEVEL_CODES = Object.keys(DEALER_LEVELS) as [DealerLevel, ...DealerLevel[]];
const REGION_CODES = Object.keys(REGIONS) as [RegionCode, ...RegionCode[]];

/** A dealer level code (A, B, C); anything else is refused. */
export const dealerLevelSchema = z.enum(LEVEL_CODES);
/** A sales region code (east, south, …); anything else is refused. */
export const regionSchema = z.enum(REGION_CODES);

const idSchema = z.string().min(1).max(64);

/** The dealer as targeting reads it. */
export interface TargetDealer {
  id: string;
  level: string;
  region: string;
}

/** Who something is for by level and region only (campaigns). */
export interface Audience {
  levels: readonly string[];
  regions: readonly string[];
}

/** Who something is for by level, region and dealer id (price rules, rebate policies, product visibility). */
export interface DealerTarget extends Audience {
  dealerIds: readonly string[];
}

/** The full targeting of price rules and rebate policies; absent lists are empty (= every dealer). */
export const dealerTargetSchema = z
  .strictObject({
    levels: z.array(dealerLevelSchema).max(10).default([]),
    regions: z.array(regionSchema).max(50).default([]),
    dealerIds: z.array(idSchema).max(1000).default([]),
  })
  .default({ levels: [], regions: [], dealerIds: [] });

/**
 * A campaign's audience: levels and regions, both required (an empty list = all), at most 3 and
 * 5. Typed as plain strings as the campaign documents store them.
 */
export const audienceSchema = z.strictObject({
  levels: z.array(z.enum(LEVEL_CODES as [string, ...string[]])).max(3),
  regions: z.array(z.enum(REGION_CODES as [string, ...string[]])).max(5),
});

/** An approval rule's levels: at least one, each once. Empty is refused (it would mean every dealer). */
export const requiredLevelsSchema = z
  .array(dealerLevelSchema)
  .min(1)
  .max(LEVEL_CODES.length)
  .refine((l) => new Set(l).size === l.length, { message: '等级不能重复' });

/**
 * Whether the dealer's level and region are in the audience: each empty list lets every dealer
 * through. A dealer given without a region (approval facts) is in no non-empty region list.
 */
export function inAudience(audience: Audience, dealer: { level: string; region?: string }): boolean {
  return (
    (audience.levels.length === 0 || audience.levels.includes(dealer.level)) &&
    (audience.regions.length === 0 || (dealer.region !== undefined && audience.regions.includes(dealer.region)))
  );
}

/** Whether a targeting names nobody in particular, i.e. is for every dealer. */
export function targetsEveryone(target: DealerTarget): boolean {
  return target.levels.length === 0 && target.regions.length === 0 && target.dealerIds.length === 0;
}

/** THE rule (see the top of this file): whether the targeting includes the dealer. */
export function matchesDealer(target: DealerTarget, dealer: TargetDealer): boolean {
  if (target.dealerIds.includes(dealer.id)) return true;
  if (target.levels.length === 0 && target.regions.length === 0) return target.dealerIds.length === 0;
  return inAudience(target, dealer);
}

/** Whether the dealer may see and order a product (its `visibility`, the same reading). */
export function isVisibleTo(product: { visibility: DealerTarget }, dealer: TargetDealer): boolean {
  return matchesDealer(product.visibility, dealer);
}

/**
 * A targeting made ready for checking many times (the pricing index): its lists as sets, how
 * specific it is, and the lookup keys it is filed under (see dealerKeys).
 */
export interface CompiledDealerTarget {
  readonly levels: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  readonly dealerIds: ReadonlySet<string>;
  /** 3 dealer, 2 level+region, 1 level or region, 0 everyone. */
  readonly specificity: number;
  /** Keys a dealer it may match looks under: 'd:id', 'lr:level|region', 'l:level', 'r:region', '*'. */
  readonly keys: readonly string[];
}

export function compileDealerTarget(target: DealerTarget): CompiledDealerTarget {
  // Each code once: a list naming a level twice must not file (and so apply) the rule twice.
  const levels = [...new Set(target.levels)];
  const regions = [...new Set(target.regions)];
  const dealerIds = [...new Set(target.dealerIds)];
  const keys = dealerIds.map((id) => `d:${id}`);
  if (levels.length > 0 && regions.length > 0) keys.push(...levels.flatMap((l) => regions.map((r) => `lr:${l}|${r}`)));
  else if (levels.length > 0) keys.push(...levels.map((l) => `l:${l}`));
  else if (regions.length > 0) keys.push(...regions.map((r) => `r:${r}`));
  else if (dealerIds.length === 0) keys.push('*');
  return {
    levels: new Set(levels),
    regions: new Set(regions),
    dealerIds: new Set(dealerIds),
    specificity: dealerIds.length > 0 ? 3 : levels.length > 0 && regions.length > 0 ? 2 : levels.length + regions.length > 0 ? 1 : 0,
    keys,
  };
}

/** The keys a dealer looks under, in a fixed order: every compiled target it matches is filed under one of them. */
export function dealerKeys(dealer: TargetDealer): string[] {
  return [`d:${dealer.id}`, `lr:${dealer.level}|${dealer.region}`, `l:${dealer.level}`, `r:${dealer.region}`, '*'];
}

/** matchesDealer on a compiled targeting (the index only narrows; this is the full check). */
export function matchesCompiled(t: CompiledDealerTarget, dealer: TargetDealer): boolean {
  if (t.dealerIds.has(dealer.id)) return true;
  if (t.levels.size === 0 && t.regions.size === 0) return t.dealerIds.size === 0;
  return (t.levels.size === 0 || t.levels.has(dealer.level)) && (t.regions.size === 0 || t.regions.has(dealer.region));
}
