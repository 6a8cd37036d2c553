import { CAMPAIGN_EXAMPLE } from '../../../shared/contracts';
import { layoutPoster, posterTemplateSchema } from '../../../shared/campaigns';
import type { DrawOp, PosterTemplate } from '../../../shared/campaigns';

const template = posterTemplateSchema.parse(CAMPAIGN_EXAMPLE.posters[0]) as PosterTemplate;
const base = { title: '青禾春茶', dealerName: '杭州恒泰', sharerName: '张晓丽', codeImage: 'https://x/code.png' };
const texts = (ops: DrawOp[]) => ops.flatMap((o) => (o.op === 'text' ? [o.text] : []));

describe('the poster carries the offer, the period, the product and the store', () => {
  const fill = { ...base, offer: '到店立减 ¥10 · 满 ¥50 减 ¥10', period: '活动时间 2026-11-01 至 2026-12-31', store: '杭州市上城区解放路 138 号' };

  it('draws them between the title and the dealer name, product picture over its drawn block', () => {
    const layout = layoutPoster(template, { ...fill, product: { name: '青禾春茶 500ml', image: 'https://x/p.png' } });
    expect(texts(layout.ops)).toEqual(expect.arrayContaining([fill.offer, fill.period, `门店：${fill.store}`, '青禾春茶 500ml']));
    const picture = layout.ops.find((o) => o.op === 'image' && o.src === 'https://x/p.png');
    expect(picture).toMatchObject({ optional: true });
    const title = template.areas.find((a) => a.kind === 'title')!;
    const dealer = template.areas.find((a) => a.kind === 'dealerName')!;
    const added = layout.ops.slice(layout.ops.findIndex((o) => o.op === 'text' && o.text === fill.offer));
    for (const o of added) {
      const [top, bottom] = o.op === 'text' ? [o.y - o.fontSize / 2, o.y + o.fontSize / 2] : [o.y, o.y + o.height];
      expect(top).toBeGreaterThanOrEqual(title.y + title.height);
      expect(bottom).toBeLessThanOrEqual(dealer.y);
    }
  });

  it("draws a block with the product's name when it has no picture", () => {
    const layout = layoutPoster(template, { ...fill, product: { name: '青禾春茶 500ml', image: null } });
    expect(layout.ops.filter((o) => o.op === 'image')).toHaveLength(1);
    expect(texts(layout.ops)).toContain('青禾春茶 500ml');
  });
});
