/**
 * Pages and window of the mini-program. The five tab pages live in the main package (WeChat
 * requires it); every secondary flow goes into a subpackage under packages/ so the main package
 * stays small. Reserved subpackage root for what comes next: packages/campaign (活动码、海报、线索).
 *
 * This file is evaluated by the Taro CLI at build time, so process.env is the build's.
 */
const target = process.env.TARO_ENV ?? 'weapp';
const localCloud = process.env.LOCAL_CLOUD ? process.env.LOCAL_CLOUD === '1' : target === 'h5';

const BRAND = '#1d4fd8';
// Unselected tab labels: 4.5:1 on the white tab bar (WCAG AA), like the theme's muted text.
const MUTED = '#676c75';

const subPackages: { root: string; name?: string; pages: string[] }[] = [
  // 申请加盟 (the form, its status, a resend) and 接受邀请 (an invitation's code or QR binds this WeChat account).
  { root: 'packages/account', name: 'account', pages: ['apply/index', 'invite/index'] },
  // 经销商: managers' 加盟审核 and dealer master data (credit, terms, ordering, level), an owner's people,
  // managers' 等级调整建议 (the rating's proposals) and 清退与交接.
  {
    root: 'packages/dealers',
    name: 'dealers',
    pages: ['review/index', 'list/index', 'detail/index', 'credit/index', 'proposals/index', 'offboarding/index'],
  },
  // 商品详情: opened from 商品 with ?sku=; its price explanation and tier table stay out of the main package.
  { root: 'packages/product', name: 'product', pages: ['detail/index'] },
  // 活动推广: campaign kits, codes and posters, the consumer landing page (the page of every campaign code), redemption, funnel.
  {
    root: 'packages/campaign',
    name: 'campaign',
    pages: ['list/index', 'detail/index', 'landing/index', 'redeem/index', 'funnel/index', 'privacy/index', 'roi/index'],
  },
  // 确认订单 (from 购物车), 订单详情 with its timeline and actions, 对账单, and managers' 订单审批.
  { root: 'packages/checkout', name: 'checkout', pages: ['index'] },
  // 代客下单: a channel manager orders for a dealer of their region (from 经销商详情).
  { root: 'packages/proxy', name: 'proxy', pages: ['index'] },
  { root: 'packages/orders', name: 'orders', pages: ['detail/index', 'statement/index'] },
  // 在线支付: 去支付 of an order and 在线还款 from 对账单 (WeChat Pay; the local H5 build shows its own pay sheet).
  { root: 'packages/pay', name: 'pay', pages: ['index'] },
  { root: 'packages/approvals', name: 'approvals', pages: ['index'] },
  // Integration settings (admins): Webhook 推送 (deliveries, dead ones replayed), Webhook 订阅, 开放接口密钥 and 金蝶映射.
  { root: 'packages/integration', name: 'integration', pages: ['deliveries/index', 'webhooks/index', 'keys/index', 'mappings/index'] },
  // 退货: 申请退货 (from a delivered order), the list (我的退货 / 退货审批 / 待收货) and a request's detail with its timeline.
  { root: 'packages/aftersales', name: 'aftersales', pages: ['apply/index', 'list/index', 'detail/index'] },
  // 我的客户: a clerk's WeCom customers and their tags (from 我的), and each customer's journey (客户旅程).
  { root: 'packages/customers', name: 'customers', pages: ['list/index', 'detail/index'] },
  // 总部下发 (HQ's content tasks through the clerks' WeCom: plan, confirm, execution, 提醒; a dealer owner's clerks) and the clerks' 话术库.
  { root: 'packages/wecom-push', name: 'wecom-push', pages: ['tasks/index', 'create/index', 'task/index', 'scripts/index'] },
  // 返利明细 (the wallet ledger) and 返利结算记录 with their calculation, opened from the 返利 tab.
  { root: 'packages/rebates', name: 'rebates', pages: ['ledger/index', 'settlements/index'] },
  // 赋能中心, the dealer's scorecard (lifecycle.scorecards) and managers' 未读名单 of a must-read.
  { root: 'packages/enablement', name: 'enablement', pages: ['index', 'scorecard/index', 'unread/index'] },
  // 洞察 (managers, admins): trends, forecasts, the alert inbox, dealer health and a dealer's page; charts (uCharts) load only here.
  {
    root: 'packages/insights',
    name: 'insights',
    pages: ['index/index', 'trends/index', 'forecasts/index', 'alerts/index', 'alerts/detail/index', 'health/index', 'dealer/index', 'ask/index'],
  }, // 金蝶对账 (admins): the latest reconciliation with Kingdee and what the ERP sync could not do.
  { root: 'packages/erp', name: 'erp', pages: ['reconcile/index'] },
  // 二级分销: a first-tier's 下级订单, 下级供货价 and 我的库存, a second-tier's 向上级订货, and the brand's 分销流向.
  { root: 'packages/tier', name: 'tier', pages: ['incoming/index', 'prices/index', 'stock/index', 'outgoing/index', 'sellthrough/index'] },
];
// The persona switcher exists only in local builds: production never ships it.
if (localCloud) subPackages.push({ root: 'packages/local', name: 'local', pages: ['persona/index'] });

export default defineAppConfig({
  pages: ['pages/catalog/index', 'pages/cart/index', 'pages/orders/index', 'pages/rebates/index', 'pages/me/index'],
  subPackages,
  lazyCodeLoading: 'requiredComponents',
  window: {
    // WeChat's default, said out loud: Taro's H5 router draws its navigation bar (the page's title,
    // a back or home button) only when navigationStyle is 'default'; left unset, H5 had neither.
    navigationStyle: 'default',
    navigationBarBackgroundColor: BRAND,
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '经销商订货',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: MUTED,
    selectedColor: BRAND,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/catalog/index', text: '商品', iconPath: 'assets/tab/catalog.png', selectedIconPath: 'assets/tab/catalog-on.png' },
      { pagePath: 'pages/cart/index', text: '购物车', iconPath: 'assets/tab/cart.png', selectedIconPath: 'assets/tab/cart-on.png' },
      { pagePath: 'pages/orders/index', text: '订单', iconPath: 'assets/tab/orders.png', selectedIconPath: 'assets/tab/orders-on.png' },
      { pagePath: 'pages/rebates/index', text: '返利', iconPath: 'assets/tab/rebates.png', selectedIconPath: 'assets/tab/rebates-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
});
