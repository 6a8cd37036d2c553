export default definePageConfig({ navigationBarTitleText: '下级供货价' });
