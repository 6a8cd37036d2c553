export default definePageConfig({ navigationBarTitleText: '经营概况' });
