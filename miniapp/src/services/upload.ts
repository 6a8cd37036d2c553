import Taro from '@tarojs/taro';
import { currentPersona } from './persona';

/**
 * Pick one photo and put it in cloud storage under `folder`; the answer is its fileID (which the
 * request carries) and a local preview. In WeChat: wx.chooseImage, then wx.cloud.uploadFile
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-client-api/storage/uploadFile/client.uploadFile.html).
 * The local H5 build posts the bytes to the local server's storage instead.
 */
export async function pickAndUploadPhoto(folder: string): Promise<{ fileId: string; preview: string }> {
  const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const filePath = picked.tempFilePaths[0];
  if (!filePath) throw new Error('未选择照片');
  const cloudPath = `${folder}/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.jpg`;
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
    return { fileId: res.fileID, preview: filePath };
  }
  const bytes = await (await fetch(filePath)).blob();
  const res = await fetch(`/__cloud/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-local-openid': currentPersona() },
    body: bytes,
  });
  const body = (await res.json()) as { fileID?: string };
  if (!res.ok || !body.fileID) throw new Error('上传失败，请重试');
  return { fileId: body.fileID, preview: filePath };
}

/**
 * What an <image> shows for a stored fileID. WeChat's <image> takes a cloud fileID as its src
 * (https://developers.weixin.qq.com/miniprogram/dev/component/image.html: "src … 支持云文件ID"); a
 * browser cannot, so the local H5 build reads the file from the local server, which serves its
 * storage under /__storage/ (a fileID is cloud://<env>.<bucket>/<path>), as tempFileURL answers do.
 */
export function cloudFileSrc(fileId: string): string {
  if (process.env.TARO_ENV === 'weapp' || !LOCAL_CLOUD) return fileId;
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  return m ? `/__storage/${m[1]!.split('/').map(encodeURIComponent).join('/')}` : fileId;
}
