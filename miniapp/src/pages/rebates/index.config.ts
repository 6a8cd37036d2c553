export default definePageConfig({ navigationBarTitleText: '返利', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
