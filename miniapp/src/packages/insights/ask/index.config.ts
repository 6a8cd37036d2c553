export default definePageConfig({ navigationBarTitleText: '问渠道' });
