export * from './idempotency-context';
export * from './idempotency-key.subscriber';
export * from './idempotency.interceptor';
export * from './create-idempotency-keys.migration';
