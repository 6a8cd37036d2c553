/** Dealer levels, best first. The level decides which price list a dealer buys at. */
export const DEALER_LEVELS = {
  A: '一级核心经销商',
  B: '二级经销商',
  C: '分销商',
} as const;
export type DealerLevel = keyof typeof DEALER_LEVELS;

/** Sales regions of the brand. */
export const REGIONS = {
  east: '华东大区',
  south: '华南大区',
  north: '华北大区',
  west: '西南大区',
  central: '华中大区',
} as const;
export type RegionCode = keyof typeof REGIONS;

export function levelName(level: string): string {
  return (DEALER_LEVELS as Record<string, string>)[level] ?? level;
}

export function regionName(region: string): string {
  return (REGIONS as Record<string, string>)[region] ?? region;
}
