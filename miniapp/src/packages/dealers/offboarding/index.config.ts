export default definePageConfig({ navigationBarTitleText: '清退与交接', enablePullDownRefresh: true });
