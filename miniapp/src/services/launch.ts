import { listInput, NO_FILTERS } from '../pages/catalog/filters';
import { startEarly } from './http';
import { knownMe } from './remembered';
import { audienceOf, tabWorksFor } from './tab-rules';

/**
 * The first screen's calls, started at launch (local H5 build) instead of once the page is on screen.
 *
 * A cold H5 load was a chain: HTML → app JS → the first page's chunks → users.me (a first visit
 * knows no role) → catalog.list → cards. The two calls need nothing from the page's chunks: started
 * as the app starts, they run while the chunks load, and the page's own identical calls (through
 * ./cloud) take these answers instead of asking again — one request each, as before.
 *
 * The catalog is asked at once for a caller it works for (dealers, clerks: ./tab-rules) as known
 * from the phone, and on a first visit, which knows no role yet, beside users.me rather than after
 * it: a dealer's first card then waits for one answer, not two in a row (npm run bench -- h5:
 * users_me_ms, catalog_list_ms). Only a catalog page the role opens takes that answer, so for a
 * manager or an unregistered caller it is one unread refusal on their first launch only; a
 * remembered manager's launch never asks it. This module and what it imports carry no schemas
 * and no React, so the app's first chunk stays small (README, performance).
 */
export function askAtLaunch(): void {
  if (!openedOnCatalog()) return;
  // The tabs ask users.me once per launch (in the background when the role is remembered): now.
  void startEarly('users', { action: 'me' });
  const known = knownMe();
  if (!known || tabWorksFor('catalog', audienceOf(known))) void startEarly('catalog', { ...listInput(NO_FILTERS), action: 'list' });
}

/** Whether the app opened on 商品, its first page (the H5 router's hash is empty or names it). */
function openedOnCatalog(): boolean {
  if (typeof window === 'undefined') return false;
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return path === '' || path === 'pages/catalog/index';
}
