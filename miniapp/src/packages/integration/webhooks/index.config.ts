export default definePageConfig({ navigationBarTitleText: 'Webhook 订阅' });
