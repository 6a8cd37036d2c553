import Taro from '@tarojs/taro';
import type { PosterLayout } from '@shared/campaigns';

/**
 * Replays a poster layout (shared/campaigns/poster.ts) on a Canvas 2D and exports it as an image:
 * a temp file on WeChat (saveImageToPhotosAlbum takes it), a PNG data URL on H5.
 */
interface Canvas2D {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
  createImage?: () => HTMLImageElement;
  toDataURL?: (type: string) => string;
}

function canvasNode(id: string): Promise<Canvas2D> {
  if (process.env.TARO_ENV === 'h5') {
    const el = document.querySelector(`#${id} canvas`) ?? document.querySelector(`canvas#${id}`) ?? document.querySelector(`#${id}`);
    return el && 'getContext' in el ? Promise.resolve(el as unknown as Canvas2D) : Promise.reject(new Error('poster canvas not found'));
  }
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: Canvas2D } | null>) => {
        const node = res?.[0]?.node;
        if (node) resolve(node);
        else reject(new Error('poster canvas not found'));
      });
  });
}

function loadImage(canvas: Canvas2D, src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage ? canvas.createImage() : new Image();
    if (!canvas.createImage) img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`image failed to load: ${src}`));
    img.src = src;
  });
}

export async function drawPoster(canvasId: string, layout: PosterLayout): Promise<string> {
  const canvas = await canvasNode(canvasId);
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  for (const op of layout.ops) {
    if (op.op === 'rect') {
      ctx.fillStyle = op.color;
      ctx.fillRect(op.x, op.y, op.width, op.height);
    } else if (op.op === 'image') {
      const img = await loadImage(canvas, op.src).catch((e: unknown) => {
        if (op.optional) return null;
        throw e;
      });
      if (img) ctx.drawImage(img, op.x, op.y, op.width, op.height);
    } else {
      ctx.font = `${op.fontSize}px sans-serif`;
      ctx.fillStyle = op.color;
      ctx.textAlign = op.align;
      ctx.textBaseline = 'middle';
      ctx.fillText(op.text, op.x, op.y, op.maxWidth);
    }
  }
  if (process.env.TARO_ENV === 'h5' && canvas.toDataURL) return canvas.toDataURL('image/png');
  const res = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never);
  return res.tempFilePath;
}

/** Save the poster: to the album on WeChat, as a download on H5. */
export async function savePoster(image: string, name: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = image;
    a.download = `${name}.png`;
    a.click();
    return;
  }
  await Taro.saveImageToPhotosAlbum({ filePath: image });
}

/** An image the canvas can draw on WeChat: the cloud file downloaded to a temp path. */
export async function localImageOf(fileId: string, url: string): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp' || !fileId.startsWith('cloud://')) return url;
  const res = await Taro.cloud.downloadFile({ fileID: fileId });
  return res.tempFilePath;
}

/** A product picture the canvas can draw on WeChat (an https link downloaded to a temp path); null when it cannot be had. */
export async function localProductImage(url: string | null): Promise<string | null> {
  if (!url) return null;
  if (process.env.TARO_ENV !== 'weapp') return url;
  try {
    return (await Taro.downloadFile({ url })).tempFilePath;
  } catch {
    return null;
  }
}
