export default definePageConfig({ navigationBarTitleText: '客户旅程' });
