import type { OrganisationView } from '../organisation';

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

/** Postal address; every part optional, as directories often know only part of it. */
export interface DirectoryAddress {
  addressLine1?: string | null;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: string | null;
}

/** How to reach an organisation or one of its services. */
export interface ContactDetails extends DirectoryAddress {
  phone?: string | null;
  /** Voicemail ("messagerie vocale") number, when the service has one. */
  voicemail?: string | null;
  email?: string | null;
  website?: string | null;
  /** Free text, e.g. "Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00". */
  openingHours?: string | null;
  /** People to ask for, e.g. "Claire MARTIN et Paul DUMAS". */
  contactNames?: string | null;
}

export interface MunicipalServiceView {
  id: string;
  organisationId: string;
  /** Stable within its organisation, e.g. `school-catering`: other services refer to it. */
  code: string;
  name: string;
  category: MunicipalServiceCategory;
  description: string | null;
  contact: ContactDetails;
  active: boolean;
}

export interface OrganisationDetailsView extends OrganisationView {
  contact: ContactDetails;
  active: boolean;
  /** Active services only, unless asked otherwise. */
  services: MunicipalServiceView[];
}

export interface SchoolView {
  id: string;
  organisationId: string;
  name: string;
  kind: SchoolKind;
  address: DirectoryAddress;
  phone: string | null;
  directorName: string | null;
  active: boolean;
}

export interface ListOrganisationsQuery {
  includeInactive?: boolean;
}

export interface CreateOrganisationCommand {
  slug: string;
  name: string;
  kind: OrganisationKind;
  contact?: ContactDetails;
}

export interface UpdateOrganisationCommand {
  id: string;
  name?: string;
  contact?: ContactDetails;
  active?: boolean;
}

export interface CreateMunicipalServiceCommand {
  organisationId: string;
  code: string;
  name: string;
  category: MunicipalServiceCategory;
  description?: string | null;
  contact?: ContactDetails;
}

export interface UpdateMunicipalServiceCommand {
  id: string;
  name?: string;
  category?: MunicipalServiceCategory;
  description?: string | null;
  contact?: ContactDetails;
  active?: boolean;
}

export interface ListSchoolsQuery {
  organisationId: string;
  kind?: SchoolKind;
  /** Part of the name or city, case-insensitive. */
  search?: string;
  includeInactive?: boolean;
}

export interface CreateSchoolCommand {
  organisationId: string;
  name: string;
  kind: SchoolKind;
  address?: DirectoryAddress;
  phone?: string | null;
  directorName?: string | null;
}

export interface UpdateSchoolCommand {
  id: string;
  name?: string;
  kind?: SchoolKind;
  address?: DirectoryAddress;
  phone?: string | null;
  directorName?: string | null;
  active?: boolean;
}

export interface ByIdQuery {
  id: string;
}
