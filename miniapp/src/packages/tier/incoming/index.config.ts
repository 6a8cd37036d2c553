export default definePageConfig({ navigationBarTitleText: '下级订单', enablePullDownRefresh: true });
