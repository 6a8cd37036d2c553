/**
 * WeCom (企业微信) customer contact: the pure rules. Callback XML parsing with values kept as
 * strings, event identity for de-duplication, freshness, the customer record and how events
 * change it, tag naming within WeCom's limits, transfer planning within WeCom's limits, retry
 * delays. Signatures and AES live in cloudfunctions/wecom/src/crypto.ts (they need Node's crypto).
 */
export * from './xml';
export * from './events';
export * from './tags';
export * from './transfer';
export * from './customer';
export * from './backoff';
