export default definePageConfig({ navigationBarTitleText: '金蝶对账' });
