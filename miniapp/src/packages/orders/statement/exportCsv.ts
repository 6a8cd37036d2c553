import Taro from '@tarojs/taro';

/**
 * Hand the statement's CSV to the user.
 * - WeChat: write it to the mini-program's user folder and share it as a file to a chat
 *   (wx.shareFileMessage; openDocument cannot open CSV). Where sharing is unavailable (e.g. on
 *   a PC) the CSV text is copied to the clipboard instead.
 * - H5: a download link made from a Blob.
 * Returns what happened, in words for a toast.
 */
export async function exportCsv(fileName: string, csv: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.className = 'statement-download';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return '已开始下载';
  }
  const filePath = `${(Taro.env.USER_DATA_PATH ?? '').replace(/\/+$/, '')}/${fileName}`;
  try {
    // Synchronous: the share must stay inside the user's tap.
    Taro.getFileSystemManager().writeFileSync(filePath, csv, 'utf8');
  } catch {
    return copyInstead(csv);
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName });
    return '已发送';
  } catch {
    return copyInstead(csv);
  }
}

async function copyInstead(csv: string): Promise<string> {
  await Taro.setClipboardData({ data: csv });
  return '已复制 CSV 内容';
}
