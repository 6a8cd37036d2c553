import { APP_CONTRACTS } from './app-contracts';

/**
 * The app's contracts for ./cloud. WeChat loads the main package whole, so they are simply there;
 * the H5 build loads them on demand instead (./contracts-loader.h5.ts).
 */
export function loadAppContracts(): Promise<typeof APP_CONTRACTS> {
  return Promise.resolve(APP_CONTRACTS);
}
