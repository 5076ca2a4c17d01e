export * from './correlation';
export * from './create-logger';
export * from './nest-logger';
export type { Logger, DestinationStream } from 'pino';
