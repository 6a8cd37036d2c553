export default definePageConfig({ navigationBarTitleText: '退货', enablePullDownRefresh: false });
