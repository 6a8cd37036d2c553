import { z } from 'zod';
import { action } from '../contract';

/**
 * The badge on 我的's 赋能中心 entry: how many must-reads the caller has not read. Its own module
 * so the main package (我的 is a tab page) loads this one schema, not the hub's contracts.
 */
export const mustReadCount = action<{ count: number }>()(z.strictObject({}), {});
