export default definePageConfig({ navigationBarTitleText: '返利结算记录', enablePullDownRefresh: true });
