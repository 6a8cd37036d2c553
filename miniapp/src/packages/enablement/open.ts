import Taro from '@tarojs/taro';
import type { ResourceItem } from '@shared/contracts/enablement';
import { cloudFileSrc } from '../../services/upload';

/** Where the local H5 build reads a cloud file (the local server's /__storage/), or null. */
function localUrlOf(fileId: string): string | null {
  const url = cloudFileSrc(fileId);
  return url === fileId ? null : url;
}

/**
 * Open a resource in the app. Answers what the page's <Video> should play (a video), or null once
 * the file is open.
 *
 * WeChat: a video plays straight from its fileID — <video>'s src takes a cloud file ID from base
 * library 2.3.0 (https://developers.weixin.qq.com/miniprogram/dev/component/video.html), so it
 * streams instead of downloading whole first. Other files come from cloud storage to a temp path
 * (wx.cloud.downloadFile: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/downloadFile.html),
 * then documents open with wx.openDocument (pdf, doc(x), xls(x), ppt(x):
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html) and images with
 * wx.previewImage.
 *
 * H5 (the local build): the file's URL on the local server — the same <Video> plays it (H5 used
 * to refuse every resource, videos included), images preview, documents open in a new tab.
 */
export async function openResource(item: ResourceItem): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') {
    const url = LOCAL_CLOUD ? localUrlOf(item.fileId) : null;
    if (!url) {
      await Taro.showToast({ title: '请在微信小程序中打开资料', icon: 'none' });
      return null;
    }
    if (item.kind === 'video') return url;
    if (item.kind === 'image') await Taro.previewImage({ urls: [url] });
    else window.open(url, '_blank', 'noopener');
    return null;
  }
  if (item.kind === 'video') return item.fileId;
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: item.fileId });
  if (item.kind === 'image') {
    await Taro.previewImage({ urls: [tempFilePath] });
    return null;
  }
  await Taro.openDocument({ filePath: tempFilePath, fileType: (item.fileType ?? 'pdf') as 'pdf', showMenu: false });
  return null;
}
