export default definePageConfig({ navigationBarTitleText: '新建下发任务' });
