/**
 * Babel for the Taro build only (jest uses @swc/jest and never reads this file, because it
 * lives in miniapp/ and Taro runs from here).
 * NutUI components are imported on demand: `import { Button } from '@nutui/nutui-react-taro'`
 * becomes the one component's ES module plus its compiled CSS.
 */
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: 'css',
      },
      'nutui-react-taro',
    ],
  ],
};
