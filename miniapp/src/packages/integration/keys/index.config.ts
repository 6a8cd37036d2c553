export default definePageConfig({ navigationBarTitleText: '开放接口密钥' });
