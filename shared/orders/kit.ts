/**
 * What the order rules use from the rest of shared/, in one place. (The lint rule that keeps
 * shared/ pure forbids '../../' paths, so files in approval/ import shared modules through here.)
 */
export { divide, fenSchema, formatFen, multiplyRatio } from '../money';
export { DEALER_LEVELS, levelName } from '../dealer';
export type { DealerLevel } from '../dealer';
export { ROLE_LABELS } from '../roles';
export type { Role } from '../roles';
export { categoryName, NO_CATEGORIES, scopeCategoryOf } from '../category-scope';
export type { CategoryTree } from '../category-scope';
export { DAY_MS } from '../time';
