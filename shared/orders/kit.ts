/**
 * What the order rules use from the rest of shared/, in one place. (The lint rule that keeps
 * shared/ pure forbids '../../' paths, so files in approval/ import shared modules through here.)
 */
export { divide, fenSchema, formatFen, multiplyRatio } from '../money';
export { DEALER_LEVELS, levelName } from '../dealer';
export type { DealerLevel } from '../dealer';
export { ROLE_LABELS } from '../roles';
export type { Role } from '../roles';
export { categoryName, inAudience, NO_CATEGORIES, requiredCategoriesSchema, requiredLevelsSchema, scopeCategoryOf } from '../targeting';
export type { CategoryTree } from '../targeting';
export { DAY_MS } from '../time';
