export default definePageConfig({ navigationBarTitleText: '等级调整', enablePullDownRefresh: true });
