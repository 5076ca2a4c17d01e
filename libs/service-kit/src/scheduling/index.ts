export * from './timed-job';
export * from './scheduled-job';
export * from './timed-job.metrics';
export * from './timed-jobs.table';
export * from './retention';
