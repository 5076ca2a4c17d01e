export * from './services';
export * from './subjects';
export * from './errors';
export * from './health';
export * from './organisation';
export * from './events';
export * from './caller';
