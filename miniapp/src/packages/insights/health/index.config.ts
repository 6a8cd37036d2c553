export default definePageConfig({ navigationBarTitleText: '经销商健康度' });
