import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import * as esbuild from 'esbuild';
import type { UserConfigExport } from '@tarojs/cli';

/**
 * Builds without the local cloud get services/persona.off.ts wherever services/persona is
 * imported (as '../../services/persona' from a page or './persona' from a sibling service): the
 * persona switcher's code and its storage key never reach a WeChat build.
 */
function withoutLocalPersona(
  chain: { plugin: (name: string) => { use: (plugin: unknown, args: unknown[]) => unknown } },
  webpack: { NormalModuleReplacementPlugin: unknown },
  localCloud: boolean,
): void {
  if (localCloud) return;
  const persona = path.join(__dirname, '..', 'src', 'services', 'persona');
  chain.plugin('without-local-persona').use(webpack.NormalModuleReplacementPlugin, [
    /(^|[\\/])persona$/,
    (resource: { request: string; context?: string }) => {
      if (resource.context && path.resolve(resource.context, resource.request) !== persona) return;
      resource.request = resource.request.replace(/persona$/, 'persona.off');
    },
  ]);
}

/**
 * shared/ is pure (no I/O, no module-level effects: an ESLint rule and DESIGN.md say so), so a
 * module of it that the app reaches only through a barrel (shared/orders/index.ts, …) and whose
 * exports it never uses is left out of the bundle: the main package carries the rules the pages
 * run, not every schema beside them.
 */
function sharedIsPure(
  chain: { module: { rule: (name: string) => { test: (t: RegExp) => { set: (key: string, value: unknown) => unknown } } } },
  sharedDir: string,
): void {
  const escaped = sharedDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // webpack-chain's Rule knows `sideEffects`, Taro's typing of it does not: set the key itself.
  chain.module
    .rule('shared-is-pure')
    .test(new RegExp(`^${escaped}[\\\\/].*\\.ts$`))
    .set('sideEffects', false);
}

/**
 * H5_STATS=<file>: webpack's chunk graph (each chunk's modules, sizes and origins) written as JSON,
 * to see what the first route pulls in (a webpack-bundle-analyzer style reading of `js/`).
 */
function writeStatsTo(chain: { plugin: (name: string) => { use: (plugin: unknown) => unknown } }, file: string | undefined): void {
  if (!file) return;
  class WriteStats {
    apply(compiler: { hooks: { done: { tap: (name: string, fn: (stats: { toJson: (o: object) => unknown }) => void) => void } } }) {
      compiler.hooks.done.tap('write-stats', (stats) => {
        const json = stats.toJson({
          all: false,
          assets: true,
          chunks: true,
          chunkModules: true,
          chunkOrigins: true,
          entrypoints: true,
          ids: true,
          dependentModules: true,
          nestedModules: true,
          nestedModulesSpace: Infinity,
          chunkModulesSpace: Infinity,
          reasons: true,
        });
        fs.writeFileSync(file!, JSON.stringify(json));
      });
    }
  }
  chain.plugin('write-stats').use(WriteStats);
}

/**
 * H5: the first page (the catalog, where every visit to the app's root lands, a manager's too before
 * going home) is bundled with the app instead of loaded on demand. Lazy, its ≈ 20 chunks were asked
 * for only after the app's JavaScript had arrived and run, over the browser's six connections a
 * host, and arrived ≈ 300 ms after the app's own (npm run bench -- h5); now index.html lists them
 * with the app's. A post loader (eager-first-page.cjs) marks that one import() eager in the router
 * code @tarojs/taro-loader generates from app.config.ts.
 */
function eagerFirstPage(chain: { module: { rule: (name: string) => EagerRule } }, page: string): void {
  chain.module
    .rule('eager-first-page')
    .test(/[\\/]src[\\/]app\.config\.ts$/)
    .enforce('post')
    .use('eager-first-page')
    .loader(path.join(__dirname, 'eager-first-page.cjs'))
    .options({ page });
}
interface EagerRule {
  test: (t: RegExp) => EagerRule;
  enforce: (e: 'post') => EagerRule;
  use: (name: string) => { loader: (l: string) => { options: (o: object) => unknown } };
}

/**
 * The local H5 build's launch script (src/launch.inline.ts), bundled here with esbuild and inlined in
 * index.html (htmlPluginOption.launchScript): the first screen's calls leave while the HTML is
 * parsed instead of after the app's bundle has arrived and run (npm run bench -- h5). '@tarojs/taro'
 * resolves to the storage reader it needs (src/storage.inline.ts), so it stays ≈ 2 KB.
 * https://esbuild.github.io/api/#build
 */
function launchScript(): string {
  const out = esbuild.buildSync({
    entryPoints: [path.join(__dirname, '..', 'src', 'launch.inline.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    alias: { '@tarojs/taro': path.join(__dirname, '..', 'src', 'storage.inline.ts'), '@shared': SHARED_DIR },
    define: { LOCAL_CLOUD: 'true', 'process.env.TARO_ENV': '"h5"' },
  });
  const code = out.outputFiles[0]!.text.trim();
  // Inlined between <script> tags: a closing tag inside would end it early.
  if (/<\/script/i.test(code)) throw new Error('launch script contains </script>');
  return code;
}

/**
 * Taro build configuration. Taro runs with miniapp/ as its app root (this config/ folder lives
 * here), so every output path is relative to miniapp/ and lands in the repo's dist/<target>.
 *
 * Build-time constants (see miniapp/types/global.d.ts):
 * - LOCAL_CLOUD: true only for the H5 build that the local server serves; the persona switcher
 *   and the HTTP transport exist only there. Force it with LOCAL_CLOUD=0|1.
 * - CLOUD_ENV: the WeChat cloud environment id for Taro.cloud.init; empty means the default
 *   environment of the mini-program (set CLOUD_ENV=<env-id> when building for a real one).
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SHARED_DIR = path.join(REPO_ROOT, 'shared');

export default defineConfig<'webpack5'>(() => {
  const target = process.env.TARO_ENV ?? 'weapp';
  const localCloud = process.env.LOCAL_CLOUD ? process.env.LOCAL_CLOUD === '1' : target === 'h5';
  const cloudEnv = process.env.CLOUD_ENV ?? '';

  const config: UserConfigExport<'webpack5'> = {
    projectName: 'dealer-channel',
    date: '2025-01-01',
    // NutUI is drawn for a 375 px wide design, our own styles for 750.
    designWidth(input) {
      const file = typeof input === 'object' && input ? String(input.file ?? '') : '';
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // DIST_DIR lets two builds (two worktrees, two agents) keep apart; the default is the repo's dist/.
    outputRoot: path.join(process.env.DIST_DIR ?? path.join(REPO_ROOT, 'dist'), target),
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      LOCAL_CLOUD: JSON.stringify(localCloud),
      CLOUD_ENV: JSON.stringify(cloudEnv),
    },
    alias: { '@shared': SHARED_DIR },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    // weapp: terser, whose output is markedly smaller (the main package counts against 2 MB).
    // h5 is only served locally: esbuild minifies it about twice as fast.
    jsMinimizer: target === 'h5' ? 'esbuild' : 'terser',
    esbuild: { minify: { enable: true, config: { target: 'es2017' } } },
    // Two compress passes and assumed-pure getters: measured 2026-12-03, they keep the weapp main package
    // under its 600 KB budget once wave 2's pages landed (npm run build:weapp && npm run size).
    terser: { enable: true, config: { compress: { passes: 2, pure_getters: true }, output: { comments: false } } },
    mini: {
      webpackChain(chain, webpack) {
        withoutLocalPersona(chain, webpack, localCloud);
        sharedIsPure(chain, SHARED_DIR);
      },
      compile: { include: [SHARED_DIR] },
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      htmlPluginOption: { launchScript: target === 'h5' && localCloud ? launchScript() : '' },
      compile: { include: [SHARED_DIR] },
      // Page chunks are loaded on demand; let them share the kit and PageState instead of each
      // carrying its own copy.
      webpackChain(chain, webpack) {
        withoutLocalPersona(chain, webpack, localCloud);
        const split = chain.optimization.get('splitChunks') as Record<string, unknown> | undefined;
        chain.optimization.splitChunks({ ...split, chunks: 'all' });
        // webpack's size hints judge the uncompressed files (three warnings per build); the dev
        // server sends them brotli-compressed and npm run bench -- h5 measures what goes over the wire.
        chain.performance.hints(false);
        writeStatsTo(chain, process.env.H5_STATS);
        eagerFirstPage(chain, 'pages/catalog/index');
      },
      // H5_SOURCE_MAP=1: source maps beside the minified files, to read a CPU profile of the first card by source.
      enableSourceMap: process.env.H5_SOURCE_MAP === '1',
      sourceMapType: 'source-map',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});
