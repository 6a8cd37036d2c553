export * from './types';
export * from './bounds';
export * from './orders';
export * from './cart';
export * from './sell-through';
