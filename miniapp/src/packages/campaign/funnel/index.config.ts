export default definePageConfig({ navigationBarTitleText: '推广数据', enablePullDownRefresh: true });
