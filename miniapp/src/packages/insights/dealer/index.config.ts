export default definePageConfig({ navigationBarTitleText: '经销商洞察' });
