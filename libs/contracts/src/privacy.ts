/**
 * A family's personal data across the services (RGPD right of access). Identity answers for the
 * account and the household (`PrivacySubjects` in `identity/households.ts`); every other service
 * that keeps something about a family answers for its part on one subject of its own, page by
 * page, and the gateway assembles the one download (`GET /me/personal-data.zip`).
 */

/** The services that keep a part of a family's personal data besides identity, in export order. */
export const PERSONAL_DATA_SERVICES = [
  'enrolment',
  'reservation',
  'billing',
  'notification',
] as const;

export type PersonalDataService = (typeof PERSONAL_DATA_SERVICES)[number];

/** One request/reply per service: its part of the calling family's data, one page at a time. */
export const PersonalDataSubjects = {
  enrolment: 'enrolment.privacy.export',
  reservation: 'reservation.privacy.export',
  billing: 'billing.privacy.export',
  notification: 'notification.privacy.export',
} as const satisfies Record<PersonalDataService, string>;

/** A section's name: lower case words joined by hyphens (`applications`, `calendar-feeds`). */
export const PERSONAL_DATA_SECTION_PATTERN = /^[a-z][a-z-]{0,39}$/;

/** Bound on a page's offset: far beyond any family's records, a safe OFFSET for PostgreSQL. */
export const PERSONAL_DATA_MAX_OFFSET = 1_000_000;
