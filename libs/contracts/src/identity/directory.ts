/**
 * The directory: organisations, their municipal services and their schools. Read by anyone,
 * changed by administrators. Nothing referenced is deleted: it is deactivated (`active: false`).
 */
export const DirectorySubjects = {
  organisationsCreate: 'identity.organisations.create',
  organisationsUpdate: 'identity.organisations.update',
  municipalServicesGet: 'identity.municipal-services.get',
  municipalServicesCreate: 'identity.municipal-services.create',
  municipalServicesUpdate: 'identity.municipal-services.update',
  schoolsList: 'identity.schools.list',
  schoolsGet: 'identity.schools.get',
  schoolsCreate: 'identity.schools.create',
  schoolsUpdate: 'identity.schools.update',
} as const;

export enum DirectoryErrorCode {
  ORGANISATION_SLUG_TAKEN = 'ORGANISATION_SLUG_TAKEN',
  MUNICIPAL_SERVICE_NOT_FOUND = 'MUNICIPAL_SERVICE_NOT_FOUND',
  MUNICIPAL_SERVICE_CODE_TAKEN = 'MUNICIPAL_SERVICE_CODE_TAKEN',
  SCHOOL_NOT_FOUND = 'SCHOOL_NOT_FOUND',
  SCHOOL_ALREADY_EXISTS = 'SCHOOL_ALREADY_EXISTS',
}

export const MUNICIPAL_SERVICE_CATEGORIES = [
  'education',
  'school-catering',
  'out-of-school-care',
  'leisure-centre',
  'nursery',
  'music-conservatory',
  'sports',
  'other',
] as const;
export type MunicipalServiceCategory = (typeof MUNICIPAL_SERVICE_CATEGORIES)[number];

export const SCHOOL_KINDS = ['maternelle', 'elementaire'] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];

export const ORGANISATION_KINDS = ['intercommunality', 'commune'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Longest slug of an organisation or code of a municipal service. */
export const CODE_MAX_LENGTH = 60;
/** Longest name of a directory entry. */
export const DIRECTORY_NAME_MAX_LENGTH = 200;
