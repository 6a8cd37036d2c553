export default definePageConfig({ navigationBarTitleText: '需求预测' });
