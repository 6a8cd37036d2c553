/** The mini-program has no PC portal: the cart stays its own tab (the H5 build's is PortalCart.h5.tsx). */
export function PortalCart() {
  return null;
}
