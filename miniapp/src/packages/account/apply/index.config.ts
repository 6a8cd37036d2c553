export default definePageConfig({ navigationBarTitleText: '申请成为经销商' });
