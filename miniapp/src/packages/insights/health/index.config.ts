export default definePageConfig({ navigationBarTitleText: '渠道健康' });
