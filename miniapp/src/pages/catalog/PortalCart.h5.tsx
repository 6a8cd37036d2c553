import { lazy, Suspense, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useViewport } from '../../hooks/useViewport';
import { CART_CHANGED } from '../../services/cart';

// Loaded only when the window is wide: a phone's first screen (the catalog's cold load) never waits for the cart page's code.
const CartPage = lazy(() => import('../cart/index'));

/**
 * The PC portal (H5 at ≥ 1280 px): the cart beside the catalog, so an office buyer adds and sees
 * the priced cart at once. It is the 购物车 tab's own page, so prices, hints and 去结算 are the same;
 * a change made from the catalog makes it read the cart and price it again (its `refresh`).
 * weapp builds take PortalCart.tsx (nothing) instead.
 */
export function PortalCart() {
  const { wide } = useViewport();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const changed = () => setVersion((v) => v + 1);
    Taro.eventCenter.on(CART_CHANGED, changed);
    return () => void Taro.eventCenter.off(CART_CHANGED, changed);
  }, []);
  if (!wide) return null;
  return (
    <View className="portal-cart">
      <Suspense fallback={null}>
        <CartPage refresh={version} />
      </Suspense>
    </View>
  );
}
