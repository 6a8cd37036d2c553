/**
 * Draws the product pictures whose looks (a JSON array of ProductLook on stdin) are missing from
 * the cache folder given as the only argument (mocks/seed/images.ts). The seed runs this as a
 * child process when several are missing: pixel loops run many times slower inside a test
 * runner's sandbox than in a plain Node process.
 */
import fs from 'node:fs';
import type { ProductLook } from './images';
import { productImage } from './images';

const cacheDir = process.argv[2];
if (!cacheDir) {
  console.error('用法: tsx mocks/seed/draw-images.ts <cache dir> < looks.json');
  process.exit(2);
}
for (const look of JSON.parse(fs.readFileSync(0, 'utf8')) as ProductLook[]) productImage(look, cacheDir);
