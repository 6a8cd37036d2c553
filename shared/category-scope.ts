/**
 * Moved to shared/targeting (categories.ts), the one module for level / region / dealer /
 * category scope. Kept only so the cloud functions being restructured in issue 13 build while
 * they move; new code imports '@shared/targeting'.
 */
export * from './targeting/categories';
