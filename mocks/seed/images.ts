import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/**
 * Product pictures for the demo catalog, drawn rather than shipped: a container shaped by what one
 * 件 is (bottle, can, jug, carton, glass bottle, gift box), coloured by the category, with a label
 * and a fruit disc in the flavour's colour. Same look in, same bytes out (no clock, no randomness;
 * node's zlib at a fixed level), so a seed always stores the same files.
 *
 * Pictures are 240 × 240 PNG (truecolour, no alpha): flat fills and vertical gradients compress to
 * a few KB, and a card shows them at 160 px or less.
 */
export const IMAGE_SIZE = 240;
/** Bump when the drawing changes: cached files of another version are never reused. */
export const DRAWING_VERSION = 1;

export type Piece = '瓶' | '罐' | '桶' | '利乐包' | '玻璃瓶' | '盒' | '礼盒';

/** What a product's picture depends on: nothing else about the product shows. */
export interface ProductLook {
  categoryId: string;
  /** The flavour as the catalog names it ('' for plain water). */
  flavor: string;
  piece: string;
}

type Rgb = readonly [number, number, number];

const hex = (h: string): Rgb => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Per top-level category: background top and bottom, container body, cap. */
const CATEGORY_COLOURS: Record<string, { bgTop: Rgb; bgBottom: Rgb; body: Rgb; cap: Rgb }> = {
  'cat-01': { bgTop: hex('#eef7ff'), bgBottom: hex('#cfe6fb'), body: hex('#a8d8f5'), cap: hex('#1e6fd0') },
  'cat-02': { bgTop: hex('#f1f8ec'), bgBottom: hex('#d3ebc5'), body: hex('#b9dc93'), cap: hex('#2f7d32') },
  'cat-03': { bgTop: hex('#fff6ea'), bgBottom: hex('#ffe0b8'), body: hex('#ffc47a'), cap: hex('#e26a00') },
  'cat-04': { bgTop: hex('#fff0f0'), bgBottom: hex('#ffd2d2'), body: hex('#f59a9a'), cap: hex('#c62828') },
  'cat-05': { bgTop: hex('#fffaf0'), bgBottom: hex('#f1e3c8'), body: hex('#f4e7cc'), cap: hex('#8d6e3f') },
};
const DEFAULT_COLOURS = CATEGORY_COLOURS['cat-01']!;

/** Flavour words and their colour, first match wins (so 白桃乌龙 reads as peach, 柠檬红茶 as lemon). */
const FLAVOUR_COLOURS: Array<[RegExp, string]> = [
  [/白桃|蜜桃|桃/, '#ff9eb0'],
  [/青柠|青瓜|青苹/, '#8bc34a'],
  [/柠檬/, '#ffd600'],
  [/西柚|葡萄柚/, '#ff6f61'],
  [/荔枝/, '#f8bbd0'],
  [/夏黑|葡萄|蓝莓/, '#6a3d9a'],
  [/卡曼橘|橙|橘/, '#ff8f00'],
  [/芒果|菠萝|百香果/, '#ffb300'],
  [/草莓|山楂|酸梅|番石榴/, '#d81b60'],
  [/椰|杏仁|豆奶|燕麦|乳酸菌|原味|低糖/, '#fafafa'],
  [/核桃|玉米/, '#c8a165'],
  [/苹果/, '#e53935'],
  [/雪梨|蜜瓜|柚子/, '#dce775'],
  [/茉莉|菊花|金银花|白茶/, '#fff9c4'],
  [/乌龙|大红袍|普洱|铁观音|红茶|罗汉果|玄米/, '#a1622f'],
  [/绿茶|碧螺春|龙井|无糖|经典|夏桑菊/, '#558b2f'],
  [/海盐|盐/, '#90caf9'],
  [/可乐/, '#5d4037'],
  [/金标/, '#d4af37'],
  [/银标/, '#b0bec5'],
];

function flavourColour(flavor: string, fallback: Rgb): Rgb {
  if (!flavor) return fallback;
  for (const [re, colour] of FLAVOUR_COLOURS) if (re.test(flavor)) return hex(colour);
  // A flavour no word names still gets a stable colour of its own.
  const h = createHash('sha1').update(flavor).digest();
  return [64 + (h[0]! % 160), 64 + (h[1]! % 160), 64 + (h[2]! % 160)];
}

/** Math.hypot is several times slower in V8, and drawing runs it for every pixel of every layer. */
const len = (a: number, b: number) => Math.sqrt(a * a + b * b);

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** A filled shape as a signed distance (negative inside), its bounding box, colour and opacity. */
interface Layer {
  box: readonly [number, number, number, number];
  dist: (x: number, y: number) => number;
  colour: Rgb;
  alpha?: number;
}

function roundRect(x0: number, y0: number, x1: number, y1: number, r: number, colour: Rgb, alpha?: number): Layer {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return {
    box: [x0, y0, x1, y1],
    dist: (x, y) => {
      const qx = Math.abs(x - cx) - hx;
      const qy = Math.abs(y - cy) - hy;
      return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
    },
    colour,
    ...(alpha === undefined ? {} : { alpha }),
  };
}

function ellipse(cx: number, cy: number, rx: number, ry: number, colour: Rgb, alpha?: number): Layer {
  const k = Math.min(rx, ry);
  return {
    box: [cx - rx, cy - ry, cx + rx, cy + ry],
    // Not an exact distance, but exact enough at one pixel for the edge's antialiasing.
    dist: (x, y) => (len((x - cx) / rx, (y - cy) / ry) - 1) * k,
    colour,
    ...(alpha === undefined ? {} : { alpha }),
  };
}

function ring(cx: number, cy: number, r: number, width: number, colour: Rgb): Layer {
  return { box: [cx - r - width, cy - r - width, cx + r + width, cy + r + width], dist: (x, y) => Math.abs(len(x - cx, y - cy) - r) - width / 2, colour };
}

const WHITE: Rgb = [255, 255, 255];
const SILVER = hex('#cfd8dc');
const LEAF = hex('#43a047');

/** The label band with the flavour's fruit disc, across a container from x0 to x1. */
function label(x0: number, x1: number, y0: number, y1: number, accent: Rgb): Layer[] {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const r = Math.min(x1 - x0, y1 - y0) * 0.32;
  return [
    roundRect(x0, y0, x1, y1, 4, mix(accent, WHITE, 0.55)),
    ellipse(cx, cy, r + 3, r + 3, WHITE),
    ellipse(cx, cy, r, r, accent),
    ellipse(cx + r * 0.55, cy - r * 0.95, r * 0.45, r * 0.22, LEAF),
  ];
}

function container(piece: string, body: Rgb, cap: Rgb, accent: Rgb): Layer[] {
  const shine = (x: number, y0: number, y1: number): Layer => roundRect(x, y0, x + 8, y1, 4, WHITE, 0.45);
  switch (piece) {
    case '罐':
      return [roundRect(76, 62, 164, 206, 12, body), roundRect(80, 54, 160, 70, 6, SILVER), ...label(76, 164, 104, 170, accent), shine(88, 78, 196)];
    case '桶':
      return [
        ring(160, 84, 18, 9, cap),
        roundRect(60, 74, 180, 214, 24, body, 0.9),
        roundRect(104, 44, 136, 80, 4, body),
        roundRect(100, 36, 140, 54, 5, cap),
        ...label(60, 180, 118, 176, accent),
        shine(72, 92, 200),
      ];
    case '利乐包':
      return [
        roundRect(138, 26, 144, 70, 2, WHITE),
        roundRect(82, 50, 158, 72, 3, mix(body, WHITE, 0.3)),
        roundRect(78, 66, 162, 212, 5, body),
        ...label(78, 162, 110, 178, accent),
      ];
    case '盒':
    case '礼盒':
      return [
        roundRect(48, 90, 192, 210, 6, body),
        roundRect(42, 70, 198, 100, 6, mix(body, cap, 0.35)),
        roundRect(112, 70, 128, 210, 2, accent),
        roundRect(48, 140, 192, 154, 2, accent),
        ellipse(104, 62, 16, 10, accent),
        ellipse(136, 62, 16, 10, accent),
        ellipse(120, 66, 7, 7, mix(accent, cap, 0.4)),
      ];
    case '玻璃瓶': {
      const glass = mix(body, hex('#7fbf9f'), 0.4);
      return [
        roundRect(90, 96, 150, 214, 16, glass, 0.9),
        ellipse(120, 100, 30, 22, glass, 0.9),
        roundRect(110, 40, 130, 96, 6, glass, 0.9),
        roundRect(106, 30, 134, 44, 4, SILVER),
        ...label(90, 150, 140, 188, accent),
        shine(98, 108, 200),
      ];
    }
    default:
      // 瓶: a PET bottle.
      return [
        roundRect(84, 84, 156, 214, 18, body, 0.92),
        ellipse(120, 88, 36, 26, body, 0.92),
        roundRect(106, 44, 134, 80, 5, body, 0.92),
        roundRect(102, 30, 138, 50, 5, cap),
        ...label(84, 156, 122, 180, accent),
        shine(94, 100, 204),
      ];
  }
}

/** The PNG of a look: deterministic, a few KB. */
export function drawProductImage(look: ProductLook): Buffer {
  const colours = CATEGORY_COLOURS[look.categoryId.slice(0, 'cat-01'.length)] ?? DEFAULT_COLOURS;
  // A subcategory shifts the family's shade a little, so 苏打气泡水 is not 天然矿泉水.
  const sub = Number(look.categoryId.slice('cat-01'.length)) || 1;
  const body = mix(colours.body, colours.cap, (sub - 1) * 0.18);
  const accent = flavourColour(look.flavor, colours.cap);
  const layers: Layer[] = [ellipse(120, 216, 70, 10, mix(colours.bgBottom, [0, 0, 0], 0.15)), ...container(look.piece, body, colours.cap, accent)];
  const size = IMAGE_SIZE;
  const canvas = new Float64Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    // Quantised gradient: fewer distinct rows compress better and look the same.
    const bg = mix(colours.bgTop, colours.bgBottom, Math.floor((y / size) * 12) / 12);
    for (let x = 0; x < size; x++) canvas.set(bg, (y * size + x) * 3);
  }
  // Painter's order, each layer only over its own box (plus a pixel of antialiased edge).
  for (const layer of layers) {
    const [bx0, by0, bx1, by1] = layer.box;
    const alpha = layer.alpha ?? 1;
    const [cr, cg, cb] = layer.colour;
    for (let y = Math.max(0, Math.floor(by0 - 1)); y < Math.min(size, Math.ceil(by1 + 1)); y++) {
      for (let x = Math.max(0, Math.floor(bx0 - 1)); x < Math.min(size, Math.ceil(bx1 + 1)); x++) {
        const cover = Math.min(1, Math.max(0, 0.5 - layer.dist(x + 0.5, y + 0.5))) * alpha;
        if (cover <= 0) continue;
        const i = (y * size + x) * 3;
        canvas[i] = canvas[i]! + (cr - canvas[i]!) * cover;
        canvas[i + 1] = canvas[i + 1]! + (cg - canvas[i + 1]!) * cover;
        canvas[i + 2] = canvas[i + 2]! + (cb - canvas[i + 2]!) * cover;
      }
    }
  }
  const png = new PNG({ width: size, height: size, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  const data = Buffer.alloc(size * size * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(canvas[i]!);
  png.data = data;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 9 });
}

/** One name per look and drawing: the key of the on-disk cache. */
export function lookKey(look: ProductLook): string {
  return createHash('sha256')
    .update(JSON.stringify([DRAWING_VERSION, look.categoryId, look.flavor, look.piece]))
    .digest('hex')
    .slice(0, 20);
}

/**
 * The picture of a look, drawn once per machine: drawing every picture takes about a second, and
 * every seeded test cloud needs them all, so finished files are kept in `cacheDir` by look and
 * drawing version (a cached file is exactly what drawing again would give).
 */
export function productImage(look: ProductLook, cacheDir: string): Buffer {
  const file = path.join(cacheDir, `${lookKey(look)}.png`);
  try {
    return fs.readFileSync(file);
  } catch {
    const png = drawProductImage(look);
    fs.mkdirSync(cacheDir, { recursive: true });
    // Several test workers may draw the same picture at once: each writes its own file, then renames.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    fs.writeFileSync(tmp, png);
    fs.renameSync(tmp, file);
    return png;
  }
}

/** Where a picture is stored: named by its content, so one drawing shared by many SKUs is one file. */
export function imageCloudPath(png: Buffer): string {
  return `products/${createHash('sha256').update(png).digest('hex').slice(0, 24)}.png`;
}

/** Where drawn pictures are kept between runs (ignored by git with the rest of node_modules). */
export const IMAGE_CACHE_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'product-images', `v${DRAWING_VERSION}`);

/** The part of the local cloud's storage the seed writes to (mocks/cloud/storage.ts). */
export interface ImageStore {
  fileIdOf(cloudPath: string): string;
  fileOf(cloudPath: string): string | null;
}

/**
 * Give each product with a known look its picture: the file is put straight into the local
 * cloud's storage folder (the seed writes the database directly too) and `image` set to its
 * cloud fileID, as an upload through the SDK would. Products without a look keep theirs.
 */
export function attachProductImages(
  store: ImageStore,
  products: ReadonlyArray<{ _id: string; image: string | null }>,
  looks: ReadonlyMap<string, ProductLook>,
  cacheDir = IMAGE_CACHE_DIR,
): number {
  // Returns how many files the products point at.
  prefillCache(
    products.flatMap((p) => looks.get(p._id) ?? []),
    cacheDir,
  );
  const written = new Map<string, string>();
  for (const product of products as Array<{ _id: string; image: string | null }>) {
    const look = looks.get(product._id);
    if (!look) continue;
    const key = lookKey(look);
    let fileId = written.get(key);
    if (!fileId) {
      const png = productImage(look, cacheDir);
      const cloudPath = imageCloudPath(png);
      const file = store.fileOf(cloudPath);
      if (!file) throw new Error(`seed: product image path ${cloudPath} leaves the storage folder`);
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, png);
      }
      fileId = store.fileIdOf(cloudPath);
      written.set(key, fileId);
    }
    product.image = fileId;
  }
  // Looks whose colours coincide (原味 and 乳酸菌 are both white) share one file.
  return new Set(written.values()).size;
}

/** Beyond this many missing pictures, starting a plain Node process to draw them is quicker. */
const DRAW_IN_CHILD_OVER = 2;

/**
 * Fill the cache for these looks before storing them: in a child process when several are
 * missing, since a test runner's sandbox (jest's vm context) runs the pixel loops many times
 * slower. Whatever the child could not draw is drawn in this process afterwards, so a failure
 * here only costs time.
 */
function prefillCache(looks: readonly ProductLook[], cacheDir: string): void {
  const missing = new Map(looks.map((l) => [lookKey(l), l]));
  for (const key of [...missing.keys()]) if (fs.existsSync(path.join(cacheDir, `${key}.png`))) missing.delete(key);
  if (missing.size <= DRAW_IN_CHILD_OVER) return;
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  spawnSync(tsx, [path.join(__dirname, 'draw-images.ts'), cacheDir], {
    input: JSON.stringify([...missing.values()]),
    stdio: ['pipe', 'inherit', 'inherit'],
    timeout: 120_000,
  });
}
