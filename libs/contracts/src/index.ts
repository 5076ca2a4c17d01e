export * from './services';
export * from './subjects';
export * from './errors';
export * from './health';
export * from './organisation';
export * from './events';
export * from './requests';
export * from './caller';
export * from './identity/directory';
export * from './identity/directory.messages';
export * from './identity/agents';
export * from './identity/agents.messages';
export * from './identity/accounts';
export * from './identity/accounts.messages';
export * from './identity/households';
export * from './identity/households.messages';
export * from './identity/school-fit';
export * from './identity/communes';
export * from './content';
export * from './content.messages';
export * from './notification';
export * from './notification.messages';
export * from './enrolment';
export * from './enrolment.messages';
/** Rules that messages declare and services apply, re-exported for the services that read them. */
export {
  ISO_DATE_PATTERN,
  MAX_CHILD_AGE_YEARS,
  isCalendarDate,
  isPlausibleBirthDate,
  normalizeEmail,
  passwordWeakness,
  todayInParis,
} from '@portail/validation';
export * from './french-dates';
export * from './reservation';
export * from './reservation.messages';
export * from './french-text';
export * from './reservation-attendance.messages';
export * from './billing';
export * from './billing.messages';
export * from './reservation-feeds.messages';
export * from './privacy';
export * from './privacy.messages';
export * from './billing-card.messages';
export * from './billing-sepa';
export * from './billing-sepa.messages';
