/**
 * The rules that message declarations (libs/contracts) are written with: one rule, one French
 * message, checked at the gateway and again by the service, through the same declaration.
 */
export * from './household-validation';
export * from './password.validator';
export * from './calendar-dates';
export * from './password-rules';
export * from './identifiers';
export * from './payload-shape';
export * from './directory-rules';
export * from './paging';
