export default definePageConfig({ navigationBarTitleText: '销售趋势' });
