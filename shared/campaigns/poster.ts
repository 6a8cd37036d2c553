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
  | { op: 'image'; src: string; x: number; y: number; width: number; height: number }
  | { op: 'text'; text: string; x: number; y: number; fontSize: number; color: string; align: 'left' | 'center' | 'right'; maxWidth: number };

export interface PosterFill {
  title: string;
  dealerName: string;
  sharerName: string;
  /** URL (or local temp path) of the sharer's mini-program code image. */
  codeImage: string;
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
  return { width: template.width, height: template.height, ops };
}
