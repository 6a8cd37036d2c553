import type { PosterArea, PosterTemplate } from './schemas';

/**
 * A poster is a template (size, background, placeholder areas) filled with the campaign title,
 * the dealer's and the sharer's names and the sharer's code image. layoutPoster decides what to
 * draw where; the mini-program only replays the operations on a Canvas 2D context. Pure, so the
 * layout is tested without a canvas: text is shrunk, then cut with an ellipsis, never drawn
 * outside its area.
 */
export type DrawOp =
  | { op: 'rect'; x: number; y: number; width: number; height: number; color: string }
  /** `optional`: a picture the poster can do without (the product's): a failed load leaves its block drawn. */
  | { op: 'image'; src: string; x: number; y: number; width: number; height: number; optional?: boolean }
  | { op: 'text'; text: string; x: number; y: number; fontSize: number; color: string; align: 'left' | 'center' | 'right'; maxWidth: number };

export interface PosterFill {
  title: string;
  dealerName: string;
  sharerName: string;
  /** URL (or local temp path) of the sharer's mini-program code image. */
  codeImage: string;
  /** The offer in words (热饮立减 ¥10 · 满 ¥50 减 ¥10), the period, the store's address and the product shown. */
  offer?: string;
  period?: string;
  store?: string | null;
  /** The product: its picture (URL or local path), or null for a drawn block with its name. */
  product?: { name: string; image: string | null } | null;
}

export interface PosterLayout {
  width: number;
  height: number;
  ops: DrawOp[];
}

/** Estimated advance width of text: CJK and full-width characters 1 em, others about 0.55 em. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]/.test(ch) ? fontSize : fontSize * 0.55;
  return w;
}

const MIN_FONT = 12;

/** The largest font size ≤ wanted at which text fits width (not below 12), and the text cut to fit there. */
export function fitText(text: string, wanted: number, width: number, height: number): { text: string; fontSize: number } {
  let size = Math.max(MIN_FONT, Math.min(wanted, Math.floor(height)));
  while (size > MIN_FONT && textWidth(text, size) > width) size--;
  if (textWidth(text, size) <= width) return { text, fontSize: size };
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return { text: chars.length > 0 ? `${chars.join('')}…` : '', fontSize: size };
}

function textOf(kind: PosterArea['kind'], fill: PosterFill): string {
  switch (kind) {
    case 'title':
      return fill.title;
    case 'dealerName':
      return fill.dealerName;
    case 'sharerName':
      return `导购 ${fill.sharerName} 为您推荐`;
    default:
      return '';
  }
}

export function layoutPoster(template: PosterTemplate, fill: PosterFill): PosterLayout {
  const ops: DrawOp[] = [{ op: 'rect', x: 0, y: 0, width: template.width, height: template.height, color: template.background }];
  if (template.imageUrl) ops.push({ op: 'image', src: template.imageUrl, x: 0, y: 0, width: template.width, height: template.height });
  for (const a of template.areas) {
    if (a.kind === 'code') {
      // A code is square: the largest square centred in its area, on white so it scans on any background.
      const side = Math.min(a.width, a.height);
      const x = a.x + Math.floor((a.width - side) / 2);
      const y = a.y + Math.floor((a.height - side) / 2);
      ops.push({ op: 'rect', x, y, width: side, height: side, color: '#ffffff' });
      ops.push({ op: 'image', src: fill.codeImage, x, y, width: side, height: side });
      continue;
    }
    const fitted = fitText(textOf(a.kind, fill), a.fontSize ?? 32, a.width, a.height);
    if (!fitted.text) continue;
    const align = a.align ?? 'left';
    const x = align === 'center' ? a.x + a.width / 2 : align === 'right' ? a.x + a.width : a.x;
    // Baseline-free: y is the vertical middle of the area (the canvas draws with textBaseline 'middle').
    ops.push({ op: 'text', text: fitted.text, x, y: a.y + a.height / 2, fontSize: fitted.fontSize, color: a.color ?? '#1f2329', align, maxWidth: a.width });
  }
  ops.push(...offerBand(template, fill));
  return { width: template.width, height: template.height, ops };
}

/**
 * The offer, the period, the product and the store, drawn in the free band between the template's
 * title and the next area below it (templates only place title, names and code). Top to bottom:
 * offer, period, product picture (a drawn block with its name when it has none), store.
 */
function offerBand(template: PosterTemplate, fill: PosterFill): DrawOp[] {
  if (!fill.offer && !fill.period && !fill.store && !fill.product) return [];
  const title = template.areas.find((a) => a.kind === 'title');
  const top = title ? title.y + title.height : Math.round(template.height * 0.12);
  const below = template.areas.filter((a) => a.y >= top).map((a) => a.y);
  const bottom = below.length > 0 ? Math.min(...below) : Math.round(template.height * 0.6);
  const pad = 16;
  const x = 40;
  const width = template.width - 2 * x;
  const ops: DrawOp[] = [];
  let y = top + pad;
  const line = (text: string | null | undefined, fontSize: number, color: string) => {
    if (!text) return;
    const fitted = fitText(text, fontSize, width, fontSize * 1.3);
    if (fitted.text)
      ops.push({
        op: 'text',
        text: fitted.text,
        x: x + width / 2,
        y: y + (fontSize * 1.3) / 2,
        fontSize: fitted.fontSize,
        color,
        align: 'center',
        maxWidth: width,
      });
    y += Math.round(fontSize * 1.3) + pad;
  };
  line(fill.offer, 48, title?.color ?? '#b33f00');
  line(fill.period, 26, '#555555');
  const storeHeight = fill.store ? Math.round(24 * 1.3) + pad : 0;
  const side = Math.min(bottom - pad - storeHeight - y, Math.round(template.width * 0.5));
  if (fill.product && side >= 80) {
    const px = Math.round((template.width - side) / 2);
    // The drawn block (white, the product's name) is under the picture: it shows when there is none.
    ops.push({ op: 'rect', x: px, y, width: side, height: side, color: '#ffffff' });
    const fitted = fitText(fill.product.name, 30, side - 2 * pad, side / 3);
    ops.push({
      op: 'text',
      text: fitted.text,
      x: px + side / 2,
      y: y + side / 2,
      fontSize: fitted.fontSize,
      color: '#1f2329',
      align: 'center',
      maxWidth: side - 2 * pad,
    });
    if (fill.product.image) ops.push({ op: 'image', src: fill.product.image, x: px, y, width: side, height: side, optional: true });
    y += side + pad;
  }
  if (fill.store) {
    y = Math.max(y, bottom - storeHeight);
    line(`门店：${fill.store}`, 24, '#1f2329');
  }
  return ops;
}
