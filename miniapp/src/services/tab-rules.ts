import type { MeOutput } from '@shared/contracts';
import type { Role } from '@shared/roles';

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
