/**
 * Draws the tab bar icons (81×81 PNG, WeChat's recommended size) from simple geometry, so no
 * image is downloaded or hand-drawn. Run once after changing a shape or a colour:
 *   npx tsx miniapp/tools/tab-icons.ts
 * The PNGs it writes to miniapp/src/assets/tab/ are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
const SUPERSAMPLE = 4;
const COLOURS = { off: [0x8a, 0x8f, 0x99], on: [0x1d, 0x4f, 0xd8] } as const;

type Shape = (x: number, y: number) => boolean;

const segment =
  (x1: number, y1: number, x2: number, y2: number, width: number): Shape =>
  (x, y) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= width / 2;
  };
const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r;
const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;
const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    const qx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const qy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && Math.hypot(qx, qy) <= r;
  };
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

const STROKE = 0.075;

const ICONS: Record<string, Shape> = {
  // 商品: a 2×2 grid of tiles.
  catalog: union(
    roundRect(0.14, 0.14, 0.46, 0.46, 0.06),
    roundRect(0.54, 0.14, 0.86, 0.46, 0.06),
    roundRect(0.14, 0.54, 0.46, 0.86, 0.06),
    roundRect(0.54, 0.54, 0.86, 0.86, 0.06),
  ),
  // 购物车: handle, basket and two wheels.
  cart: union(
    segment(0.08, 0.18, 0.2, 0.18, STROKE),
    segment(0.2, 0.18, 0.3, 0.62, STROKE),
    segment(0.24, 0.3, 0.86, 0.3, STROKE),
    segment(0.86, 0.3, 0.78, 0.62, STROKE),
    segment(0.3, 0.62, 0.78, 0.62, STROKE),
    disc(0.36, 0.78, 0.075),
    disc(0.72, 0.78, 0.075),
  ),
  // 订单: a sheet with three lines.
  orders: union(
    minus(roundRect(0.2, 0.1, 0.8, 0.9, 0.08), roundRect(0.2 + STROKE, 0.1 + STROKE, 0.8 - STROKE, 0.9 - STROKE, 0.04)),
    segment(0.34, 0.34, 0.66, 0.34, STROKE),
    segment(0.34, 0.5, 0.66, 0.5, STROKE),
    segment(0.34, 0.66, 0.54, 0.66, STROKE),
  ),
  // 返利: a coin with ¥.
  rebates: union(
    ring(0.5, 0.5, 0.38, STROKE),
    segment(0.38, 0.3, 0.5, 0.47, STROKE),
    segment(0.62, 0.3, 0.5, 0.47, STROKE),
    segment(0.5, 0.47, 0.5, 0.72, STROKE),
    segment(0.38, 0.5, 0.62, 0.5, STROKE),
    segment(0.38, 0.61, 0.62, 0.61, STROKE),
  ),
  // 我的: head and shoulders.
  me: union(disc(0.5, 0.32, 0.17), (x, y) => y <= 0.88 && ((x - 0.5) / 0.36) ** 2 + ((y - 0.92) / 0.36) ** 2 <= 1),
};

function draw(shape: Shape, rgb: readonly number[]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (shape((px + (sx + 0.5) / SUPERSAMPLE) / SIZE, (py + (sy + 0.5) / SUPERSAMPLE) / SIZE)) hits++;
        }
      }
      const i = (py * SIZE + px) * 4;
      png.data[i] = rgb[0] ?? 0;
      png.data[i + 1] = rgb[1] ?? 0;
      png.data[i + 2] = rgb[2] ?? 0;
      png.data[i + 3] = Math.round((255 * hits) / (SUPERSAMPLE * SUPERSAMPLE));
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const outDir = path.resolve(__dirname, '..', 'src', 'assets', 'tab');
fs.mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  fs.writeFileSync(path.join(outDir, `${name}.png`), draw(shape, COLOURS.off));
  fs.writeFileSync(path.join(outDir, `${name}-on.png`), draw(shape, COLOURS.on));
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${path.relative(process.cwd(), outDir)}`);
