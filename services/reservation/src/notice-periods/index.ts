export * from './notice-rule';
export * from './notice-rule.parser';
export * from './notice-deadline';
export * from './notice-evaluation';
export * from './notice-texts';
export type { WorkingDays } from './working-days';
