import { Text, View } from '@tarojs/components';

/**
 * The catalog's own boxes and text runs. WeChat: Taro's View and Text. H5: plain `div` and `span`.
 * On H5 every View and Text is a custom element that Stencil upgrades one by one (its constructor,
 * a render, a hydrate queued to the next frame); a first screen of six cards and the category strip
 * held ≈ 150 of them, and a CPU profile of `npm run bench -- h5` put Stencil ahead of React in the
 * main thread's work for the first card. A plain element renders the same (taro-view-core is
 * `display: block`, taro-text-core `display: inline`, as div and span are) with the same classes,
 * and React gives it the same `onClick`. Only props both accept are passed (className, onClick,
 * children): no string `style`, no Taro-only props. The weapp build folds the condition away.
 */
export const Box = (process.env.TARO_ENV === 'h5' ? 'div' : View) as unknown as typeof View;
export const Run = (process.env.TARO_ENV === 'h5' ? 'span' : Text) as unknown as typeof Text;
