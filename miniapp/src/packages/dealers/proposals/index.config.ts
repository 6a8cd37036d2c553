export default definePageConfig({ navigationBarTitleText: '等级调整建议', enablePullDownRefresh: true });
