/**
 * Campaign kits, share codes and closed-loop attribution: the pure rules both the campaigns
 * function and the mini-program use. No I/O, no clock (`now` is a parameter), no randomness
 * (coupon bytes are a parameter).
 */
export * from './code';
export * from './coupon-code';
export * from './schemas';
export * from './types';
export * from './period';
export * from './phase';
export * from './funnel';
export * from './poster';
export * from './privacy';
