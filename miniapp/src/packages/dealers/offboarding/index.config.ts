export default definePageConfig({ navigationBarTitleText: '清退交接', enablePullDownRefresh: true });
