import { useEffect, useState } from 'react';
import { layoutPoster } from '@shared/campaigns';
import type { CampaignDetail, ShareKit } from '@shared/contracts';
import { drawPoster, localImageOf } from './poster';

export type PosterState = { status: 'drawing' } | { status: 'ready'; image: string } | { status: 'failed'; message: string };

/**
 * The poster of `template` for this sharer, drawn on the canvas `canvasId` into an image to save:
 * drawn again whenever the template changes; a failure says what to share instead.
 */
export function usePoster(canvasId: string, template: CampaignDetail['posters'][number], title: string, share: ShareKit): PosterState {
  const [poster, setPoster] = useState<PosterState>({ status: 'drawing' });
  useEffect(() => {
    let live = true;
    setPoster({ status: 'drawing' });
    // Let the canvas mount before drawing on it.
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const codeImage = await localImageOf(share.qrFileId, share.qrUrl);
          const layout = layoutPoster(template, { title, dealerName: share.dealerName, sharerName: share.sharerName, codeImage });
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
  }, [canvasId, template, title, share]);
  return poster;
}
