export default definePageConfig({ navigationBarTitleText: '洞察' });
