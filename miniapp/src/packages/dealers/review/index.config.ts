export default definePageConfig({ navigationBarTitleText: '加盟审核', enablePullDownRefresh: true });
