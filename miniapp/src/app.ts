import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';
import './services/portal';

// WeChat Cloud Development is initialised once, before any page calls a function. An empty
// CLOUD_ENV leaves `env` out, so the mini-program's default environment is used.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
}

// H5 fixes of the shell, for keyboards and screen readers (WCAG 2.1.1, 4.1.2; axe-core in
// tests/e2e/audit.test.ts):
// - each page (and each ScrollView) is a scrolling box, and Taro's buttons are custom elements that
//   take no focus, so a keyboard could not scroll it: pages and scroll views get tabindex 0;
// - NutUI's Switch and Checkbox pass `ariaRole` / `tabIndex` to Taro's View, which on H5 writes
//   them as the attributes `aria-role` / `tab-index` that browsers ignore: renamed to role / tabindex.
if (process.env.TARO_ENV === 'h5' && typeof MutationObserver !== 'undefined') {
  const rename = (el: Element, from: string, to: string) => {
    const v = el.getAttribute(from);
    if (v === null) return;
    el.setAttribute(to, v);
    el.removeAttribute(from);
  };
  const fix = (el: Element) => {
    rename(el, 'aria-role', 'role');
    rename(el, 'tab-index', 'tabindex');
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') fix(r.target as Element);
      r.addedNodes.forEach((n) => {
        if (!(n instanceof HTMLElement)) return;
        if ((n.classList.contains('taro_page') || n.tagName === 'TARO-SCROLL-VIEW-CORE') && !n.hasAttribute('tabindex')) n.tabIndex = 0;
        n.querySelectorAll('taro-scroll-view-core:not([tabindex])').forEach((v) => ((v as HTMLElement).tabIndex = 0));
        fix(n);
        n.querySelectorAll('[aria-role], [tab-index]').forEach(fix);
      });
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-role', 'tab-index'] });
}

// Local H5: the first screen's calls (services/launch.ts) start from index.html's own script
// (launch.inline.ts), before this bundle arrives. WeChat loads the main package's pages with the
// app, so there is no such wait to overlap.

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
