export * from './data-source-options';
export * from './run-migrations';
export * from './server-admin';
export * from './notification-waker';
export * from './postgres-errors';
export * from './connection-errors';
