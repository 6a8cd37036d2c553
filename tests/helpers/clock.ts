import { DEFAULT_REFERENCE_DATE } from '../../mocks/seed/data';
import { restoreClock, shiftClock } from '../../mocks/clock';

/**
 * Tests that read the demo data set seed it at its fixed reference date and run with the clock
 * pinned to that morning (09:30 in Shanghai), running on from there: "today", "last month" and
 * "this quarter" then mean the same thing on whatever day the suite runs. A test about a period
 * boundary pins its own moment with `pinClock`.
 */
export const TEST_REFERENCE_DATE = DEFAULT_REFERENCE_DATE;
export const TEST_NOW = Date.parse(TEST_REFERENCE_DATE) + 9.5 * 3_600_000;

/** Pin this test file's clock at `at` (default TEST_NOW); it runs on from there. */
export function pinClock(at: number = TEST_NOW): void {
  shiftClock(at);
}

/** Stop this test file's clock at exactly `at` until the next pinClock or freezeClock. */
export function freezeClock(at: number): void {
  shiftClock(at, { frozen: true });
}

export { restoreClock };
