import { useEffect, useState } from 'react';

/** The PC portal's breakpoint: a desktop browser at least this wide (CSS px) gets the wide layout (styles/portal.scss). */
export const PORTAL_MIN_WIDTH = 1280;

/**
 * Whether the window is desktop-wide (≥ PORTAL_MIN_WIDTH), following resizes. Only the H5 build can
 * be: a mini-program runs on a phone (or WeChat's own desktop window, which keeps the phone layout).
 */
export function useViewport(): { wide: boolean } {
  const query =
    process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(`(min-width: ${PORTAL_MIN_WIDTH}px)`) : null;
  const [wide, setWide] = useState(() => query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = () => setWide(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
    // The query object is made per render; what it asks never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { wide };
}
