export default definePageConfig({ navigationBarTitleText: '活动分享', enableShareAppMessage: true });
