export * from './infrastructure';
export * from './log-capture';
export * from './test-system';
export * from './service-process';
export * from './event-fixtures';
export * from './disposable-nats';
export * from './prerequisites';
