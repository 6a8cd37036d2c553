export * from './kingdee';
export * from './types';
export * from './sale-order';
export * from './reconcile';
