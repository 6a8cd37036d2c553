export default definePageConfig({ navigationBarTitleText: '向上级订货', enablePullDownRefresh: true });
