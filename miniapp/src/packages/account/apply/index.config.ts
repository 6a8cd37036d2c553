export default definePageConfig({ navigationBarTitleText: '申请加盟' });
