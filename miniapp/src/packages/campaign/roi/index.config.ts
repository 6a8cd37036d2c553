export default definePageConfig({ navigationBarTitleText: '投入产出', enablePullDownRefresh: true });
