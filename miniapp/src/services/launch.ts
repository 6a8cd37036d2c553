import type { MeOutput } from '@shared/contracts';
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
 * The same rules as the page's own (./tab-rules): the catalog is asked only for a caller it works
 * for (dealers, clerks), known from the phone or from users.me first, so a manager's launch never
 * asks it and an unregistered caller meets no refused call. This module and what it imports carry
 * no schemas and no React, so the app's first chunk stays small (README, performance).
 */
export function askAtLaunch(): void {
  if (!openedOnCatalog()) return;
  const catalogFirstPage = () => void startEarly('catalog', { ...listInput(NO_FILTERS), action: 'list' });
  const known = knownMe();
  if (known && tabWorksFor('catalog', audienceOf(known))) catalogFirstPage();
  // The tabs ask users.me once per launch (in the background when the role is remembered): now.
  const me = startEarly('users', { action: 'me' });
  if (!known)
    void me.then((answer) => {
      const a = answer as { ok?: boolean; data?: MeOutput } | undefined;
      if (a?.ok === true && a.data && tabWorksFor('catalog', audienceOf(a.data))) catalogFirstPage();
    });
}

/** Whether the app opened on 商品, its first page (the H5 router's hash is empty or names it). */
function openedOnCatalog(): boolean {
  if (typeof window === 'undefined') return false;
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return path === '' || path === 'pages/catalog/index';
}
