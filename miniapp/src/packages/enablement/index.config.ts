export default definePageConfig({ navigationBarTitleText: '赋能中心', enablePullDownRefresh: true });
