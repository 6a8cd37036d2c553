export default definePageConfig({ navigationBarTitleText: '活动推广', enablePullDownRefresh: true });
