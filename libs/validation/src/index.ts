/**
 * class-validator rules that the gateway's DTOs and the services' DTOs share: the same input
 * is checked at the edge and again by the service that depends on it, with the same messages.
 */
export * from './household-validation';
export * from './password.validator';
export * from './calendar-dates';
export * from './password-rules';
export * from './identifiers';
export * from './directory-rules';
