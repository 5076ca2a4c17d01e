import type { CommuneOfResidence, GuardianAddress } from './households.messages';

/**
 * Households ("foyers"): one or two guardians, the CAF number and family quotient, children
 * with their health information and authorisations; every change kept with who and when.
 * Plus the family's RGPD rights: export of its personal data and closure of its account.
 * Each request and reply is declared once, in households.messages.ts.
 */
export const HouseholdSubjects = {
  create: 'identity.households.create',
  /** The household of the calling family account (none yet: HOUSEHOLD_NOT_FOUND). */
  getMine: 'identity.households.get-mine',
  /**
   * Service to service: the municipal services the calling family's household deals with
   * (`string[]`, empty without a household), e.g. for news reserved to their families.
   */
  myServiceIds: 'identity.households.my-service-ids',
  /**
   * Service to service (never routed by the gateway): what enrolment needs to file an
   * application, by `{ accountId }` (a family's own household) or `{ householdId }`.
   */
  enrolmentProfile: 'identity.households.enrolment-profile',
  get: 'identity.households.get',
  update: 'identity.households.update',
  history: 'identity.households.history',
  guardiansAdd: 'identity.guardians.add',
  guardiansUpdate: 'identity.guardians.update',
  guardiansRemove: 'identity.guardians.remove',
  childrenCreate: 'identity.children.create',
  childrenGet: 'identity.children.get',
  childrenUpdate: 'identity.children.update',
  /**
   * Service to service (never routed by the gateway): some children by id, with their school,
   * health flags and authorised pick-up persons (reservation: the school's site, the daily list).
   */
  childrenProfiles: 'identity.children.profiles',
} as const;

export const PrivacySubjects = {
  exportPersonalData: 'identity.privacy.export-personal-data',
  closeAccount: 'identity.privacy.close-account',
} as const;

/**
 * The one answer for a household the caller may not reach, whether it exists or not (another
 * family's, or one dealing with none of an agent's services): existence is never revealed.
 */
export const HOUSEHOLD_NOT_FOUND_MESSAGE = "Ce foyer n'existe pas ou vous n'y avez pas accès.";

export enum HouseholdErrorCode {
  /** Also the answer for another family's household: existence is not revealed. */
  HOUSEHOLD_NOT_FOUND = 'HOUSEHOLD_NOT_FOUND',
  HOUSEHOLD_ALREADY_EXISTS = 'HOUSEHOLD_ALREADY_EXISTS',
  GUARDIAN_NOT_FOUND = 'GUARDIAN_NOT_FOUND',
  GUARDIAN_LIMIT_REACHED = 'GUARDIAN_LIMIT_REACHED',
  PRIMARY_GUARDIAN_NOT_REMOVABLE = 'PRIMARY_GUARDIAN_NOT_REMOVABLE',
  CHILD_NOT_FOUND = 'CHILD_NOT_FOUND',
  /** Closing an account needs `confirm: true`. */
  ACCOUNT_CLOSURE_NOT_CONFIRMED = 'ACCOUNT_CLOSURE_NOT_CONFIRMED',
}

export const GUARDIAN_RELATIONSHIPS = ['mother', 'father', 'legal-guardian', 'other'] as const;
export type GuardianRelationship = (typeof GUARDIAN_RELATIONSHIPS)[number];

export const CIVILITIES = ['madame', 'monsieur'] as const;
export type Civility = (typeof CIVILITIES)[number];

export const CHILD_SEXES = ['female', 'male'] as const;
export type ChildSex = (typeof CHILD_SEXES)[number];

/** French class levels, from "toute petite section" to "terminale". */
export const SCHOOL_LEVELS = [
  'TPS',
  'PS',
  'MS',
  'GS',
  'CP',
  'CE1',
  'CE2',
  'CM1',
  'CM2',
  '6e',
  '5e',
  '4e',
  '3e',
  '2de',
  '1re',
  'Tle',
] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const CAF_NUMBER_PATTERN = /^\d{7}$/;
/** INSEE code of a commune: 5 digits, or 2A/2B + 3 digits in Corsica. */
export const INSEE_CODE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;

/**
 * Event payloads. Deliberately without health data, authorisations, phones or e-mails:
 * - billing needs the first guardian's name and postal address (invoice addressee, see the
 *   seed's invoice), the communes of residence and the family quotient (tariffs) and the CAF
 *   number (reporting to the CAF for nurseries and leisure centres);
 * - enrolment and reservation need the children's names, birth dates (age rules) and school
 *   (school catering, registration certificates).
 * Agents who need health or pick-up details read them from identity, which audits the read.
 * Each event carries the whole current snapshot, so consumers simply upsert.
 */
export interface HouseholdGuardianSnapshot {
  id: string;
  accountId: string | null;
  primary: boolean;
  civility: Civility | null;
  firstName: string;
  lastName: string;
  address: GuardianAddress | null;
  commune: CommuneOfResidence | null;
}

export interface HouseholdSnapshot {
  id: string;
  guardians: HouseholdGuardianSnapshot[];
  cafNumber: string | null;
  familyQuotient: number | null;
  familyQuotientValidUntil: string | null;
}

export interface ChildSnapshot {
  id: string;
  householdId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  schoolLevel: SchoolLevel | null;
  schoolId: string | null;
  schoolName: string | null;
}

export interface AccountClosed {
  /** The closed account. */
  id: string;
  householdId: string | null;
  childIds: string[];
  closedAt: string;
}

declare module '../events' {
  interface EventPayloads {
    'identity.household.created': HouseholdSnapshot;
    'identity.household.updated': HouseholdSnapshot;
    'identity.child.created': ChildSnapshot;
    'identity.child.updated': ChildSnapshot;
    /** Every service anonymises what it holds about this account, its household and children. */
    'identity.account.closed': AccountClosed;
  }
}

/** A household as enrolment sees it: who to notify, the children, where the family lives. */
export interface HouseholdProfile {
  householdId: string;
  /** Family accounts linked to the household's guardians, with their login e-mail. */
  accounts: Array<{ accountId: string; email: string; firstName: string; lastName: string }>;
  children: Array<{
    id: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    schoolLevel: SchoolLevel | null;
    schoolId: string | null;
  }>;
  /** Communes of residence of the guardians. */
  communes: CommuneOfResidence[];
}
