import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { MeOutput } from '@shared/contracts';
import type { Role } from '@shared/roles';
import { usePersonaReload } from '../components/PersonaReload';
import { askedThisLaunch, knownMe, loadMe } from './session';

/**
 * The tab bar by role. WeChat's tab bar is one list for everyone (an item cannot be hidden per
 * user, and Taro's H5 build has no custom tab bar), so each tab page itself decides: it works for
 * the caller, or it says what it is for and where to go instead, without calling an action the
 * caller may not use. The app lands each role on its home tab.
 */
export type TabName = 'catalog' | 'cart' | 'orders' | 'rebates' | 'me';
/** A registered role, or 'guest': an openid nobody registered (a prospective dealer). */
export type Audience = Role | 'guest';

export const TAB_URLS: Record<TabName, string> = {
  catalog: '/pages/catalog/index',
  cart: '/pages/cart/index',
  orders: '/pages/orders/index',
  rebates: '/pages/rebates/index',
  me: '/pages/me/index',
};

/**
 * The tabs that work for each audience, home tab first: the actions behind each tab allow it
 * (商品 catalog.list: dealer, clerk; 购物车 pricing.quote: dealer; 订单 orders.list: every role;
 * 返利 rebates.progress: dealer).
 */
const TABS_OF: Record<Audience, readonly TabName[]> = {
  dealer: ['catalog', 'cart', 'orders', 'rebates', 'me'],
  clerk: ['catalog', 'orders', 'me'],
  manager: ['orders', 'me'],
  admin: ['orders', 'me'],
  guest: ['me'],
};

export const audienceOf = (me: MeOutput): Audience => (me.registered ? me.role : 'guest');
export const homeTab = (a: Audience): TabName => TABS_OF[a][0]!;
export const tabWorksFor = (tab: TabName, a: Audience): boolean => TABS_OF[a].includes(tab);

export type TabAccess = { status: 'checking' } | { status: 'open'; audience: Audience | null } | { status: 'closed'; audience: Audience };

/**
 * The screen the app opened on takes the caller home if it is not for them; a tab they went to
 * later explains itself instead (bouncing away from a tab just tapped would only confuse). Which
 * screen that is comes from the launch options; where they are unknown, the first tab resolved.
 */
let landed = false;

function launchedOn(tab: TabName): boolean {
  try {
    const path = Taro.getLaunchOptionsSync()?.path;
    if (typeof path !== 'string' || path === '') return true;
    return path.replace(/^\//, '').split('?')[0] === TAB_URLS[tab].slice(1);
  } catch {
    return true;
  }
}

/**
 * Whether this tab works for the caller. `checking` only when the phone does not know the caller
 * yet (the first launch); an unknown caller whose users.me fails gets the tab (`open`, audience
 * null): the action itself will answer. `refused()` is for a page whose own call was refused
 * (FORBIDDEN, UNAUTHENTICATED): the remembered role was out of date, so ask again.
 */
export function useTabAccess(tab: TabName): { access: TabAccess; refused: () => void } {
  const [me, setMe] = useState<MeOutput | null | undefined>(() => knownMe() ?? undefined);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const ask = useCallback(() => {
    void loadMe().then((res) => {
      if (alive.current) setMe(res.ok ? res.data : (knownMe() ?? null));
    });
  }, []);

  useEffect(() => {
    // Remembered from an earlier launch: use it now, and check it once in the background.
    if (me === undefined || !askedThisLaunch()) ask();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount: later changes come from the persona switcher or a refusal.
  }, []);

  usePersonaReload(() => {
    const now = knownMe();
    setMe(now ?? undefined);
    if (!now) ask();
  });

  const access: TabAccess =
    me === undefined
      ? { status: 'checking' }
      : me === null
        ? { status: 'open', audience: null }
        : tabWorksFor(tab, audienceOf(me))
          ? { status: 'open', audience: audienceOf(me) }
          : { status: 'closed', audience: audienceOf(me) };

  const closedFor = access.status === 'closed' ? access.audience : null;
  useEffect(() => {
    if (access.status === 'checking' || landed) return;
    landed = true;
    if (closedFor && launchedOn(tab)) void Taro.switchTab({ url: TAB_URLS[homeTab(closedFor)] });
  }, [access.status, closedFor, tab]);

  return { access, refused: ask };
}
