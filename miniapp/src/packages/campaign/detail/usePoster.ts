import { useEffect, useState } from 'react';
import { layoutPoster } from '@shared/campaigns';
import type { CampaignDetail, ShareKit } from '@shared/contracts';
import { couponValueText } from '../format';
import { drawPoster, localImageOf, localProductImage } from './poster';

export type PosterState = { status: 'drawing' } | { status: 'ready'; image: string } | { status: 'failed'; message: string };

/**
 * The poster of `template` for this sharer, drawn on the canvas `canvasId` into an image to save:
 * drawn again whenever the template changes; a failure says what to share instead.
 */
export function usePoster(canvasId: string, template: CampaignDetail['posters'][number], c: CampaignDetail, share: ShareKit): PosterState {
  const [poster, setPoster] = useState<PosterState>({ status: 'drawing' });
  useEffect(() => {
    let live = true;
    setPoster({ status: 'drawing' });
    // Let the canvas mount before drawing on it.
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const [codeImage, productImage] = await Promise.all([localImageOf(share.qrFileId, share.qrUrl), localProductImage(c.product?.image ?? null)]);
          const layout = layoutPoster(template, {
            title: c.title,
            dealerName: share.dealerName,
            sharerName: share.sharerName,
            codeImage,
            offer: `${c.coupon.title} · ${couponValueText(c.coupon)}`,
            period: `活动时间 ${c.period.from} 至 ${c.period.to}`,
            store: c.store?.address ?? null,
            product: c.product ? { name: c.product.name, image: productImage } : null,
          });
          const image = await drawPoster(canvasId, layout);
          if (live) setPoster({ status: 'ready', image });
        } catch (e) {
          if (live) setPoster({ status: 'failed', message: '海报生成失败，可长按保存上方的小程序码分享' });
          if (process.env.NODE_ENV !== 'production') console.warn('[poster]', e);
        }
      })();
    }, 50);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [canvasId, template, c, share]);
  return poster;
}
