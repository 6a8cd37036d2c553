import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { productLooks } from '../../mocks/seed/catalog';
import { IMAGE_SIZE, attachProductImages, drawProductImage, imageCloudPath } from '../../mocks/seed/images';

/** A storage folder like the local cloud's (mocks/cloud/storage.ts), for the seed to write into. */
function store(root: string) {
  return {
    fileIdOf: (p: string) => `cloud://test-env.local-bucket/${p}`,
    fileOf: (p: string) => path.join(root, p),
  };
}

const cloudPathOf = (fileId: string | null) => (fileId ?? '').replace(/^cloud:\/\/[^/]+\//, '');

describe('the demo catalog’s product pictures (mocks/seed/images.ts)', () => {
  const looks = productLooks();
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-images-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  /** Products of these SKUs, seeded into a fresh storage folder with the given picture cache. */
  const seedPictures = (skus: string[], cacheDir?: string) => {
    const root = tempDir();
    const products = skus.map((sku) => ({ _id: sku, image: null as string | null }));
    const files = attachProductImages(store(root), products, looks, cacheDir);
    return { root, products, files };
  };

  it('knows a look (category, flavour, container) for every product the seed makes', () => {
    expect(looks.size).toBeGreaterThan(250);
    expect(looks.get('sku-0001')).toEqual({ categoryId: 'cat-0101', flavor: '', piece: '瓶' });
  });

  it('draws the same bytes on another machine (an empty cache, another process), per flavour and container', () => {
    // 苏打水 in six flavours, each as a can and a bottle.
    const skus = [...looks]
      .filter(([, l]) => l.categoryId === 'cat-0102')
      .map(([sku]) => sku)
      .slice(0, 12);
    const one = seedPictures(skus, tempDir());
    const other = seedPictures(skus, tempDir());
    expect(other.products).toEqual(one.products);
    for (const p of one.products) {
      expect(fs.readFileSync(path.join(other.root, cloudPathOf(p.image))).equals(fs.readFileSync(path.join(one.root, cloudPathOf(p.image))))).toBe(true);
    }
    const byLook = new Map(one.products.map((p) => [JSON.stringify(looks.get(p._id)), p.image]));
    expect(new Set(byLook.values()).size).toBe(byLook.size);
    // What the cache holds is what drawing here gives.
    const first = one.products[0]!;
    expect(drawProductImage(looks.get(first._id)!).equals(fs.readFileSync(path.join(one.root, cloudPathOf(first.image))))).toBe(true);
  });

  it('stores one small file per picture, named by its content: a few KB each, 240 × 240', () => {
    const { root, products, files } = seedPictures([...looks.keys()]);
    const stored = fs.readdirSync(path.join(root, 'products'));
    expect(stored).toHaveLength(files);
    expect(files).toBeLessThan(products.length);
    const sizes = stored.map((f) => {
      const png = fs.readFileSync(path.join(root, 'products', f));
      expect(imageCloudPath(png)).toBe(`products/${f}`);
      // IHDR: width and height, big-endian, after the signature and the chunk header.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([IMAGE_SIZE, IMAGE_SIZE]);
      return png.length;
    });
    expect(Math.max(...sizes)).toBeLessThan(8 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeLessThan(6 * 1024);
    for (const p of products) expect(p.image).toMatch(/^cloud:\/\/test-env\.local-bucket\/products\/[0-9a-f]{24}\.png$/);
  });
});
