export * from './correlation';
export * from './create-logger';
export * from './nest-logger';
export * from './redact';
export type { Logger, DestinationStream } from 'pino';
