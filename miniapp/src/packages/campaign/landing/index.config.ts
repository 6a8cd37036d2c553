export default definePageConfig({ navigationBarTitleText: '青禾活动' });
