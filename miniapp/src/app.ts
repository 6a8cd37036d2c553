import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';

// WeChat Cloud Development is initialised once, before any page calls a function. An empty
// CLOUD_ENV leaves `env` out, so the mini-program's default environment is used.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
}

// H5: each page is a scrolling box Taro draws, and its buttons are custom elements that take no
// keyboard focus, so a keyboard could not scroll a page (axe-core's scrollable-region-focusable,
// WCAG 2.1.1). A focusable page scrolls with the arrow keys and space, as a document does.
if (process.env.TARO_ENV === 'h5' && typeof MutationObserver !== 'undefined') {
  new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (n instanceof HTMLElement && n.classList.contains('taro_page') && !n.hasAttribute('tabindex')) n.tabIndex = 0;
      });
    }
  }).observe(document.body, { childList: true, subtree: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
