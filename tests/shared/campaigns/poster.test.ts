import fc from 'fast-check';
import { CAMPAIGN_EXAMPLE } from '../../../shared/contracts';
import { campaignKitSchema, fitText, layoutPoster, posterTemplateSchema, textWidth } from '../../../shared/campaigns';
import type { PosterTemplate } from '../../../shared/campaigns';

const template = posterTemplateSchema.parse(CAMPAIGN_EXAMPLE.posters[0]) as PosterTemplate;

describe('poster layout', () => {
  it('draws the background, then each placeholder: names as text and the code as a square image on white', () => {
    const layout = layoutPoster(template, { title: '青禾春茶', dealerName: '杭州恒泰', sharerName: '张晓丽', codeImage: 'https://x/code.png' });
    expect(layout.ops[0]).toEqual({ op: 'rect', x: 0, y: 0, width: 750, height: 1200, color: '#e8f5e9' });
    expect(layout.ops.filter((o) => o.op === 'image')).toEqual([{ op: 'image', src: 'https://x/code.png', x: 235, y: 840, width: 280, height: 280 }]);
    const texts = layout.ops.filter((o) => o.op === 'text').map((o) => (o.op === 'text' ? o.text : ''));
    expect(texts).toEqual(['青禾春茶', '杭州恒泰', '导购 张晓丽 为您推荐']);
  });

  it('never lets text overflow its area, whatever the names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (dealerName, sharerName) => {
        const layout = layoutPoster(template, { title: '标题', dealerName, sharerName, codeImage: 'c' });
        for (const op of layout.ops) {
          if (op.op !== 'text') continue;
          expect(textWidth(op.text, op.fontSize)).toBeLessThanOrEqual(op.maxWidth);
          expect(op.fontSize).toBeGreaterThanOrEqual(12);
        }
      }),
    );
  });

  it('shrinks a long name first, then cuts it with an ellipsis', () => {
    expect(fitText('短', 40, 200, 60)).toEqual({ text: '短', fontSize: 40 });
    const shrunk = fitText('一二三四五六七八', 40, 200, 60);
    expect(shrunk.fontSize).toBe(25);
    const cut = fitText('一'.repeat(50), 40, 200, 60);
    expect(cut).toMatchObject({ fontSize: 12 });
    expect(cut.text.endsWith('…')).toBe(true);
  });
});

describe('campaign kit schema', () => {
  it('accepts the documented example', () => {
    expect(campaignKitSchema.safeParse(CAMPAIGN_EXAMPLE).success).toBe(true);
  });

  it.each([
    ['a period that ends before it starts', { period: { from: '2026-12-01', to: '2026-11-01' } }],
    [
      'a poster without a code area',
      { posters: [{ ...CAMPAIGN_EXAMPLE.posters[0]!, areas: CAMPAIGN_EXAMPLE.posters[0]!.areas.filter((a) => a.kind !== 'code') }] },
    ],
    ['an area outside the poster', { posters: [{ ...CAMPAIGN_EXAMPLE.posters[0]!, areas: [{ kind: 'code', x: 700, y: 0, width: 280, height: 280 }] }] }],
    ['a minimum spend below the coupon value', { coupon: { title: '立减', valueFen: 1000, minSpendFen: 500, validDays: 3 } }],
    ['an http image', { share: { title: 't', imageUrl: 'http://example.com/a.png' } }],
    ['an unknown region', { visibility: { levels: [], regions: ['mars'] } }],
    ['an upper-case id', { id: 'Spring' }],
    ['an unknown field', { extra: 1 }],
  ])('refuses %s', (_what, patch) => {
    expect(campaignKitSchema.safeParse({ ...CAMPAIGN_EXAMPLE, ...patch }).success).toBe(false);
  });
});
