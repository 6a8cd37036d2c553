/**
 * Webpack loader for the H5 build's entry (the router code @tarojs/taro-loader generates from
 * src/app.config.ts): the first page's `import()` gets `webpackMode: "eager"`, so the catalog's
 * modules travel in the initial chunks that index.html lists instead of ≈ 20 chunks the router asks
 * for only once the app's bundle has run (config/index.ts, eagerFirstPage). Other pages stay lazy.
 * https://webpack.js.org/api/module-methods/#magic-comments
 */
module.exports = function eagerFirstPage(source) {
  const { page } = this.getOptions();
  const escaped = page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const call = new RegExp(`import\\((\\s*["'][^"']*[\\\\/]${escaped}["']\\s*)\\)`);
  if (!call.test(source)) throw new Error(`eager-first-page: no import() of ${page} in ${this.resourcePath}`);
  return source.replace(call, 'import(/* webpackMode: "eager" */$1)');
};
