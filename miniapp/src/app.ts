import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';

// WeChat Cloud Development is initialised once, before any page calls a function. An empty
// CLOUD_ENV leaves `env` out, so the mini-program's default environment is used.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
