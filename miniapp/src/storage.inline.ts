/**
 * The one Taro API the launch script (launch.inline.ts) reads, without Taro: getStorageSync as
 * Taro's H5 build implements it (@tarojs/taro-h5 api/storage: localStorage holds `{"data": value}`
 * for what Taro.setStorageSync wrote; anything else reads as ''). The launch script is built with
 * '@tarojs/taro' resolved here (config/index.ts), so services/persona and services/remembered run
 * unchanged in it.
 */
function getStorageSync(key: string): unknown {
  try {
    const item: unknown = JSON.parse(localStorage.getItem(key) ?? '');
    return item && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, 'data') ? (item as { data: unknown }).data : '';
  } catch {
    return '';
  }
}

export default { getStorageSync };
