/**
 * Error answers of the database service, in the shape the SDK's requester returns
 * ({ code, message, requestId }); the SDK turns them into thrown errors.
 * Codes follow CloudBase's published database error codes.
 */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const dbErrors = {
  collectionMissing: (name: string) => new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}. 请先在云开发控制台创建集合 ${name}`),
  collectionExists: (name: string) => new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`),
  duplicateKey: (coll: string, id: string) =>
    new DbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${id}" }`),
  invalidParam: (message: string) => new DbError('INVALID_PARAM', message),
  transactionConflict: () => new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict'),
  transactionNotFound: (id: string) => new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} not found: it was committed, aborted or expired`),
  transactionRule: (what: string) =>
    new DbError('DATABASE_TRANSACTION_FAIL', `transactions support single-document operations only (doc().get/set/update/remove, add): ${what}`),
  limitExceeded: (limit: number) => new DbError('INVALID_PARAM', `limit ${limit} exceeds the maximum of 1000`),
};
