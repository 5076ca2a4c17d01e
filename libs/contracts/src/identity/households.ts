import type { CallerKind } from '../caller';

/**
 * Households ("foyers"): one or two guardians, the CAF number and family quotient, children
 * with their health information and authorisations; every change kept with who and when.
 * Plus the family's RGPD rights: export of its personal data and closure of its account.
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
} as const;

export const PrivacySubjects = {
  exportPersonalData: 'identity.privacy.export-personal-data',
  closeAccount: 'identity.privacy.close-account',
} as const;

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

/** A guardian's postal address, shaped like the address of a personal space. */
export interface GuardianAddress {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
}

/**
 * Commune of residence: tariffs depend on it. A commune of the directory is referenced by
 * its organisation id; a commune outside is free text, with its INSEE code when known.
 */
export interface CommuneOfResidence {
  organisationId: string | null;
  inseeCode: string | null;
  name: string;
}

export interface CommuneOfResidenceInput {
  organisationId?: string | null;
  inseeCode?: string | null;
  /** Required unless organisationId is given (the directory's name is then used). */
  name?: string | null;
}

export interface GuardianInput {
  civility?: Civility | null;
  firstName: string;
  lastName: string;
  relationship: GuardianRelationship;
  phone: string;
  otherPhone?: string | null;
  email?: string | null;
  address: Omit<GuardianAddress, 'line2'> & { line2?: string | null };
  commune: CommuneOfResidenceInput;
}

export interface GuardianView {
  id: string;
  householdId: string;
  /** The first guardian: the account that created the household, and the billing addressee. */
  primary: boolean;
  /** The family account of this guardian, when linked. */
  accountId: string | null;
  civility: Civility | null;
  firstName: string;
  lastName: string;
  relationship: GuardianRelationship;
  /** Null only once the household was anonymised (account closed). */
  phone: string | null;
  otherPhone: string | null;
  email: string | null;
  address: GuardianAddress | null;
  commune: CommuneOfResidence | null;
}

export interface AuthorisedPickup {
  name: string;
  relationship: string;
  phone: string;
}

export interface ChildHealth {
  allergies: string[];
  /** Projet d'accueil individualisé. */
  pai: boolean;
  paiDetails: string | null;
  doctorName: string | null;
  doctorPhone: string | null;
}

export interface ChildAuthorisations {
  imageRights: boolean;
  mayLeaveAlone: boolean;
  authorisedPickups: AuthorisedPickup[];
}

export interface ChildInput {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, not in the future, less than 26 years ago. */
  birthDate: string;
  sex: ChildSex;
  schoolLevel?: SchoolLevel | null;
  /** A school of the directory, when known. */
  schoolId?: string | null;
  schoolName?: string | null;
  health?: Partial<ChildHealth>;
  authorisations?: Partial<ChildAuthorisations>;
}

export interface ChildView {
  id: string;
  householdId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** Null only once the household was anonymised (account closed). */
  sex: ChildSex | null;
  schoolLevel: SchoolLevel | null;
  schoolId: string | null;
  schoolName: string | null;
  health: ChildHealth;
  authorisations: ChildAuthorisations;
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdView {
  id: string;
  /** Allocataire number at the CAF (7 digits). */
  cafNumber: string | null;
  /** Quotient familial, in whole euros. */
  familyQuotient: number | null;
  familyQuotientValidUntil: string | null;
  guardians: GuardianView[];
  children: ChildView[];
  createdAt: string;
  updatedAt: string;
}

export interface CreateHouseholdCommand {
  /** The first guardian: the calling family account. */
  guardian: GuardianInput;
  cafNumber?: string | null;
  familyQuotient?: number | null;
  familyQuotientValidUntil?: string | null;
}

export interface HouseholdRef {
  householdId: string;
}

export interface UpdateHouseholdCommand extends HouseholdRef {
  cafNumber?: string | null;
  familyQuotient?: number | null;
  familyQuotientValidUntil?: string | null;
}

export type AddGuardianCommand = HouseholdRef & GuardianInput;
/** A full replacement (PUT): the history keeps only the fields that changed. */
export type UpdateGuardianCommand = HouseholdRef & { guardianId: string } & GuardianInput;
export type RemoveGuardianCommand = HouseholdRef & { guardianId: string };
export type CreateChildCommand = HouseholdRef & ChildInput;
/** A full replacement (PUT): absent optional parts take their defaults again. */
export type UpdateChildCommand = HouseholdRef & { childId: string } & ChildInput;
export type GetChildQuery = HouseholdRef & { childId: string };

export interface HouseholdHistoryQuery extends HouseholdRef {
  /** Most recent first; at most this many (default 100, at most 500). */
  limit?: number;
}

export type HouseholdChangeEntity = 'household' | 'guardian' | 'child';
export type HouseholdChangeAction = 'created' | 'updated' | 'removed' | 'anonymised';

/** One change of a household, its guardians or children: who, when, what before and after. */
export interface HouseholdChangeView {
  id: string;
  householdId: string;
  at: string;
  actor: { accountId: string; kind: CallerKind };
  entity: HouseholdChangeEntity;
  entityId: string;
  action: HouseholdChangeAction;
  /** Changed fields only for an update; the whole entity for a creation or removal. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Everything identity knows about a family, as `GET /me/personal-data` hands it over. */
export interface PersonalDataExport {
  exportedAt: string;
  account: {
    id: string;
    email: string;
    /** A new address waiting for its verification. */
    pendingEmail: string | null;
    firstName: string;
    lastName: string;
    phone: string | null;
    address: {
      line1: string | null;
      line2: string | null;
      postalCode: string | null;
      city: string | null;
    };
    status: string;
    emailVerifiedAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  consents: { termsAcceptedAt: string | null };
  household: HouseholdView | null;
  history: HouseholdChangeView[];
  /** What other services hold (requests, bookings, invoices) and how to obtain it, in French. */
  notice: string;
}

export interface CloseAccountCommand {
  /** Must be true: closing an account cannot be undone. */
  confirm: boolean;
  /** The current password: closing needs the person, not only a session. */
  password: string;
}

export interface AccountClosedView {
  accountId: string;
  closedAt: string;
  /** For the family, in French: what was erased, what is kept and why. */
  message: string;
  kept: string[];
}

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

export interface HouseholdProfileQuery {
  accountId?: string;
  householdId?: string;
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
