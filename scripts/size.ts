/**
 * npm run size: the weapp main package (what WeChat caps at 2 MB), the whole weapp build, the
 * H5 build and each cloud function bundle. Run after `npm run build`. Last line: JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(full));
    else out.push(full);
  }
  return out;
}

const bytes = (list: string[]) => list.reduce((n, f) => n + fs.statSync(f).size, 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): void {
  const weapp = path.join(process.env['DIST_DIR'] ?? path.join(ROOT, 'dist'), 'weapp');
  const appJson = path.join(weapp, 'app.json');
  if (!fs.existsSync(appJson)) {
    console.error('dist/weapp 不存在：请先运行 npm run build:weapp');
    process.exit(1);
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(weapp, s.root));
  // Source maps are not uploaded with the package.
  const all = files(weapp).filter((f) => !f.endsWith('.map'));
  const main = all.filter((f) => !subRoots.some((r) => f.startsWith(r + path.sep)));
  const subs = Object.fromEntries(subRoots.map((r) => [path.relative(weapp, r), bytes(all.filter((f) => f.startsWith(r + path.sep)))]));
  // .br and .gz are the dev server's precompressed copies (mocks/server/compress.ts), not part of the build.
  const h5Files = files(path.join(process.env['DIST_DIR'] ?? path.join(ROOT, 'dist'), 'h5')).filter((f) => !/\.(map|br|gz)$/.test(f));
  const h5Js = h5Files.filter((f) => f.endsWith('.js'));
  const h5JsGzip = h5Js.reduce((n, f) => n + gzipSync(fs.readFileSync(f)).length, 0);

  const fnDir = path.join(ROOT, 'cloudfunctions');
  const functions = Object.fromEntries(
    fs
      .readdirSync(fnDir)
      .filter((n) => fs.existsSync(path.join(fnDir, n, 'index.js')))
      .sort()
      .map((n) => [n, fs.statSync(path.join(fnDir, n, 'index.js')).size]),
  );

  console.log(`weapp main package   ${kb(bytes(main))}  (budget 600 KB; WeChat's limit 2048 KB)`);
  for (const [root, n] of Object.entries(subs)) console.log(`weapp subpackage     ${kb(n)}  ${root}`);
  console.log(`weapp total          ${kb(bytes(all))}`);
  console.log(`h5 total             ${kb(bytes(h5Files))}  (JS gzip ${kb(h5JsGzip)})`);
  for (const [n, size] of Object.entries(functions)) console.log(`function bundle      ${kb(size)}  ${n}`);
  console.log(
    JSON.stringify({
      size: 'bytes',
      weapp_main: bytes(main),
      weapp_total: bytes(all),
      weapp_subpackages: subs,
      h5_total: bytes(h5Files),
      h5_js_gzip: h5JsGzip,
      functions,
    }),
  );
}

main();
