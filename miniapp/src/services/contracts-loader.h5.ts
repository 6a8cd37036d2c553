import type { APP_CONTRACTS } from './app-contracts';

/**
 * H5: the contracts (zod and every schema and rule they import, ≈ 600 KB before minifying) are a
 * chunk of their own, fetched at the first call that needs them, not with the first page: the
 * catalog's first card waits only for calls the launch already started (./launch), which ./cloud
 * answers without them. Taro picks this file over ./contracts-loader.ts for the H5 build
 * (multi-platform files: https://docs.taro.zone/docs/envs#多端文件).
 */
let loading: Promise<typeof APP_CONTRACTS> | undefined;

export function loadAppContracts(): Promise<typeof APP_CONTRACTS> {
  // A failed fetch (the network dropped) is not kept: the next call tries again.
  loading ??= import(/* webpackChunkName: "contracts" */ './app-contracts').then(
    (m) => m.APP_CONTRACTS,
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}
