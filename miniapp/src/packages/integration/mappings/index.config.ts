export default definePageConfig({ navigationBarTitleText: '金蝶映射' });
