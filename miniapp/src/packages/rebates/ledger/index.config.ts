export default definePageConfig({ navigationBarTitleText: '返利明细', enablePullDownRefresh: true });
