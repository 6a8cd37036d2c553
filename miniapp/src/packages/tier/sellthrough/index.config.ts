export default definePageConfig({ navigationBarTitleText: '分销流向', enablePullDownRefresh: true });
