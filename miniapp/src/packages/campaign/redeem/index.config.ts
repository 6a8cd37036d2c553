export default definePageConfig({ navigationBarTitleText: '到店核销' });
