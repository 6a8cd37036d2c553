export default definePageConfig({ navigationBarTitleText: 'Webhook 推送' });
