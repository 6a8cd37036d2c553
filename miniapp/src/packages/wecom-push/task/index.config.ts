export default definePageConfig({ navigationBarTitleText: '下发任务' });
