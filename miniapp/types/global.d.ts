/// <reference types="@tarojs/taro" />

/** True only in the H5 build served by the local cloud server (persona switcher, HTTP transport). */
declare const LOCAL_CLOUD: boolean;
/** WeChat cloud environment id for Taro.cloud.init; '' means the mini-program's default environment. */
declare const CLOUD_ENV: string;

declare module '*.scss';
declare module '*.css';
declare module '*.png' {
  const src: string;
  export default src;
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI to the build target. */
    TARO_ENV?: 'weapp' | 'h5' | string;
  }
}
