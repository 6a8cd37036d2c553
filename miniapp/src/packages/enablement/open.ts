import Taro from '@tarojs/taro';
import type { ResourceItem } from '@shared/contracts/enablement';

/**
 * Open a resource in the app. On WeChat the file comes from cloud storage to a temp path
 * (wx.cloud.downloadFile: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/downloadFile.html),
 * then documents open with wx.openDocument (pdf, doc(x), xls(x), ppt(x):
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html) and images with
 * wx.previewImage. Videos play in the page's <Video> (the caller shows it with the temp path).
 * Answers the temp path of a video, or null once the file is open.
 */
export async function openResource(item: ResourceItem): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') {
    await Taro.showToast({ title: '请在微信小程序中打开资料', icon: 'none' });
    return null;
  }
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: item.fileId });
  if (item.kind === 'video') return tempFilePath;
  if (item.kind === 'image') {
    await Taro.previewImage({ urls: [tempFilePath] });
    return null;
  }
  await Taro.openDocument({ filePath: tempFilePath, fileType: (item.fileType ?? 'pdf') as 'pdf', showMenu: false });
  return null;
}
