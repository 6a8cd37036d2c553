export default definePageConfig({ navigationBarTitleText: '退货详情' });
