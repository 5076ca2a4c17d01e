/**
 * `npm run seed`: demo data from the specification (../shared/seed): the directory (Vichy
 * Communauté, Vichy, Cusset, Bellerive-sur-Allier, their services and schools), an
 * administrator, agents, and families with their households and children. People are
 * invented. Idempotent: what exists (by slug, code, school name, e-mail, guardian's name or
 * child's first name and birth date) is left alone, so a second run changes nothing.
 *
 * It boots the identity service's own modules over its database (no HTTP, no NATS handlers)
 * and calls its use cases: the same rules as the API, and no administrator token is needed to
 * create the first administrator. NATS must be reachable (the events backbone checks its
 * stream); events recorded here are published by the running identity service.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '@portail/config';
import {
  HouseholdErrorCode,
  normalizeEmail,
  SCHOOL_LEVELS,
  type AdminCaller,
  type AgentRole,
  type ChildAuthorisations,
  type ChildHealth,
  type ChildSex,
  type Civility,
  type CommuneOfResidenceInput,
  type ContactDetails,
  type CreateMunicipalServiceCommand,
  type DirectoryAddress,
  type FamilyCaller,
  type GuardianInput,
  type GuardianRelationship,
  type HouseholdView,
  type MunicipalServiceCategory,
  type OrganisationDetailsView,
  type OrganisationKind,
  type PostalAddress,
  type SchoolKind,
  type SchoolLevel,
  SignUpCommand,
  AddGuardianCommand,
  CreateChildCommand,
  CreateHouseholdCommand,
} from '@portail/contracts';
import { ensureDatabase } from '@portail/database';
import type { DestinationStream } from '@portail/logging';
import { createBackendContext, DomainException, rpcValidationPipe } from '@portail/service-kit';
import { Account } from '../services/identity/src/accounts/account.entity';
import { CreateVerifiedFamilyAccount } from '../services/identity/src/accounts/create-verified-family-account.use-case';
import { CreateAgent } from '../services/identity/src/agents/create-agent.use-case';
import { HouseholdServiceLink } from '../services/identity/src/agents/household-service-link.entity';
import { LinkHouseholdService } from '../services/identity/src/agents/link-household-service.use-case';
import { StaffAccounts } from '../services/identity/src/agents/staff-accounts';
import { identityEnvSchema } from '../services/identity/src/config';
import { CreateChild } from '../services/identity/src/children/create-child.use-case';
import { AddGuardian } from '../services/identity/src/households/add-guardian.use-case';
import { CreateHousehold } from '../services/identity/src/households/create-household.use-case';
import { GetMyHousehold } from '../services/identity/src/households/get-household.use-case';
import { identityService } from '../services/identity/src/identity.service';
import { CreateMunicipalService } from '../services/identity/src/municipal-services/create-municipal-service.use-case';
import { CreateOrganisation } from '../services/identity/src/organisations/create-organisation.use-case';
import { GetOrganisation } from '../services/identity/src/organisations/get-organisation.use-case';
import { CreateSchool } from '../services/identity/src/schools/create-school.use-case';
import { ListSchools } from '../services/identity/src/schools/list-schools.use-case';
import { runSeedStep } from './seed-main';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_identity';
const DEFAULT_ADMIN_EMAIL = 'admin@portail-famille.test';
const DEFAULT_ADMIN_PASSWORD = 'Admin-Portail-2025';
const DEFAULT_AGENT_PASSWORD = 'Agent-Portail-2025';
const DEFAULT_FAMILY_PASSWORD = 'Famille-Portail-2025';

// ---------------------------------------------------------------------------------------------
// The data. Phones, addresses and hours of services and schools come from the specification;
// every person (contacts, directors, agents) is invented.

interface DemoService {
  code: string;
  name: string;
  category: MunicipalServiceCategory;
  description?: string;
  contact: ContactDetails;
}

interface DemoSchool {
  name: string;
  kind: SchoolKind;
  address: DirectoryAddress;
  phone: string;
  directorName: string;
}

interface DemoAgent {
  firstName: string;
  lastName: string;
  serviceCodes: string[];
  roles: AgentRole[];
}

interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  /** A commune's INSEE code. */
  inseeCode?: string;
  contact: ContactDetails;
  services: DemoService[];
  schools: DemoSchool[];
  agents: DemoAgent[];
}

const ESPACE_ECOLES_HOURS = 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00';

export const DEMO_DIRECTORY: DemoOrganisation[] = [
  {
    slug: 'vichy-communaute',
    name: 'Vichy Communauté',
    kind: 'intercommunality',
    contact: {
      addressLine1: '9 place Charles de Gaulle',
      postalCode: '03200',
      city: 'Vichy',
      phone: '04 70 96 57 00',
      website: 'https://www.vichy-communaute.fr',
    },
    services: [
      {
        code: 'music-conservatory',
        name: 'Conservatoire de musique Vichy Communauté',
        category: 'music-conservatory',
        description:
          'Inscriptions pour la nouvelle année scolaire via le portail famille ; traitement manuel par le conservatoire.',
        contact: {
          phone: '04 70 58 42 50',
          email: 'conservatoire@vichy-communaute.fr',
          openingHours: 'Du lundi au vendredi de 9h00 à 12h00 et de 14h00 à 18h00',
          contactNames: 'Hélène VIGNAL',
        },
      },
      {
        code: 'sports',
        name: '100% Sports vacances et Pass’Sport Été',
        category: 'sports',
        contact: {
          phone: '04 70 58 42 70',
          email: 'sports@vichy-communaute.fr',
          contactNames: 'Bastien ROCHE',
        },
      },
      {
        code: 'nurseries',
        name: 'Crèches communautaires',
        category: 'nursery',
        contact: {
          phone: '04 70 58 42 80',
          email: 'petite-enfance@vichy-communaute.fr',
          openingHours: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
          contactNames: 'Nadia FERRAND',
        },
      },
    ],
    schools: [],
    agents: [
      {
        firstName: 'Hélène',
        lastName: 'VIGNAL',
        serviceCodes: ['music-conservatory'],
        roles: ['supervisor'],
      },
      { firstName: 'Nadia', lastName: 'FERRAND', serviceCodes: ['nurseries'], roles: ['agent'] },
    ],
  },
  {
    slug: 'vichy',
    name: 'Vichy',
    kind: 'commune',
    inseeCode: '03310',
    contact: {
      addressLine1: 'Place de l’Hôtel de Ville',
      postalCode: '03200',
      city: 'Vichy',
      website: 'https://www.ville-vichy.fr',
    },
    services: [
      {
        code: 'school-catering',
        name: 'Restauration scolaire',
        category: 'school-catering',
        description: 'Inscription avec validation par le service avant l’accès aux réservations.',
        contact: {
          phone: '04 70 30 55 04',
          voicemail: '04 70 30 55 90',
          email: 'restauration-scolaire@ville-vichy.fr',
          openingHours: ESPACE_ECOLES_HOURS,
          contactNames: 'Claire MARTIN et Sophie DURAND',
        },
      },
      {
        code: 'out-of-school-care',
        name: 'Activités périscolaires - Animations',
        category: 'out-of-school-care',
        description: 'Accueils du matin et du soir, mercredis.',
        contact: {
          phone: '04 70 30 17 67',
          email: 'periscolaire@ville-vichy.fr',
          openingHours: ESPACE_ECOLES_HOURS,
          contactNames: 'Julien MOREL',
        },
      },
      {
        code: 'school-registration',
        name: 'Inscriptions scolaires',
        category: 'education',
        contact: {
          phone: '04 70 30 17 25',
          email: 'inscriptions-scolaires@ville-vichy.fr',
          openingHours: ESPACE_ECOLES_HOURS,
          contactNames: 'Amina KADDOUR',
        },
      },
      {
        code: 'leisure-centres',
        name: 'Accueils de loisirs',
        category: 'leisure-centre',
        contact: {
          phone: '04 70 30 17 80',
          email: 'loisirs@ville-vichy.fr',
          openingHours: ESPACE_ECOLES_HOURS,
        },
      },
      {
        code: 'pass-sport',
        name: 'Pass’Sport Vichy',
        category: 'sports',
        contact: { phone: '04 70 30 17 90', email: 'sports@ville-vichy.fr' },
      },
    ],
    schools: [
      {
        name: 'École élémentaire Jacques Laurent',
        kind: 'elementaire',
        address: { addressLine1: '12 rue Jacques Laurent', postalCode: '03200', city: 'Vichy' },
        phone: '04 70 31 22 40',
        directorName: 'Laurent BESSIÈRE',
      },
      {
        name: 'École maternelle Les Tilleuls',
        kind: 'maternelle',
        address: { addressLine1: '5 allée des Tilleuls', postalCode: '03200', city: 'Vichy' },
        phone: '04 70 31 22 41',
        directorName: 'Émilie CHAMBON',
      },
      {
        name: 'École élémentaire Pierre Coulon',
        kind: 'elementaire',
        address: { addressLine1: '48 avenue Pierre Coulon', postalCode: '03200', city: 'Vichy' },
        phone: '04 70 31 22 42',
        directorName: 'Marc TEILLARD',
      },
    ],
    agents: [
      {
        firstName: 'Claire',
        lastName: 'MARTIN',
        serviceCodes: ['school-catering'],
        // the demo editor: writes Vichy's news and tiles (other agents cannot)
        roles: ['agent', 'editor'],
      },
      {
        firstName: 'Sophie',
        lastName: 'DURAND',
        serviceCodes: ['school-catering'],
        roles: ['agent'],
      },
      {
        firstName: 'Julien',
        lastName: 'MOREL',
        serviceCodes: ['out-of-school-care', 'leisure-centres'],
        roles: ['agent'],
      },
      {
        firstName: 'Amina',
        lastName: 'KADDOUR',
        serviceCodes: ['school-registration', 'school-catering', 'out-of-school-care'],
        roles: ['agent', 'supervisor'],
      },
    ],
  },
  {
    slug: 'cusset',
    name: 'Cusset',
    kind: 'commune',
    inseeCode: '03095',
    contact: {
      addressLine1: 'Place Victor Hugo',
      postalCode: '03300',
      city: 'Cusset',
      website: 'https://www.ville-cusset.fr',
    },
    services: [
      {
        code: 'education',
        name: 'Service scolaire',
        category: 'education',
        contact: {
          phone: '04 70 30 95 20',
          email: 'scolaire@ville-cusset.fr',
          openingHours: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
          contactNames: 'Thomas GIRAUD',
        },
      },
      {
        code: 'school-catering',
        name: 'Restauration scolaire',
        category: 'school-catering',
        contact: {
          phone: '04 70 30 95 21',
          email: 'restauration@ville-cusset.fr',
          contactNames: 'Thomas GIRAUD',
        },
      },
      {
        code: 'out-of-school-care',
        name: 'Accueil périscolaire',
        category: 'out-of-school-care',
        contact: { phone: '04 70 30 95 22', email: 'periscolaire@ville-cusset.fr' },
      },
      {
        code: 'leisure-centre',
        name: 'Centre de loisirs',
        category: 'leisure-centre',
        contact: {
          phone: '04 70 30 95 23',
          email: 'loisirs@ville-cusset.fr',
          contactNames: 'Léa BARTHÉLEMY',
        },
      },
    ],
    schools: [
      {
        name: 'École maternelle Les Cordeliers',
        kind: 'maternelle',
        address: { addressLine1: '3 rue des Cordeliers', postalCode: '03300', city: 'Cusset' },
        phone: '04 70 98 12 30',
        directorName: 'Isabelle RIGAUD',
      },
      {
        name: 'École élémentaire Jean Macé',
        kind: 'elementaire',
        address: { addressLine1: '21 rue Jean Macé', postalCode: '03300', city: 'Cusset' },
        phone: '04 70 98 12 31',
        directorName: 'Patrick VERNET',
      },
    ],
    agents: [
      {
        firstName: 'Thomas',
        lastName: 'GIRAUD',
        serviceCodes: ['education', 'school-catering'],
        roles: ['agent', 'supervisor'],
      },
      {
        firstName: 'Léa',
        lastName: 'BARTHÉLEMY',
        serviceCodes: ['leisure-centre', 'out-of-school-care'],
        roles: ['agent'],
      },
    ],
  },
  {
    slug: 'bellerive-sur-allier',
    name: 'Bellerive-sur-Allier',
    kind: 'commune',
    inseeCode: '03023',
    contact: {
      addressLine1: 'Esplanade François Mitterrand',
      postalCode: '03700',
      city: 'Bellerive-sur-Allier',
      website: 'https://www.ville-bellerive-sur-allier.fr',
    },
    services: [
      {
        code: 'education',
        name: 'Service éducation',
        category: 'education',
        description:
          'Préinscriptions scolaires toute l’année ; dérogation possible hors commune. Pièces : livret de famille et carnet de santé. Un certificat d’inscription mentionnant l’école d’affectation est envoyé à la famille.',
        contact: {
          phone: '04 70 58 87 10',
          email: 'education@ville-bellerive-sur-allier.fr',
          openingHours: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
          contactNames: 'Nathalie PERRIN',
        },
      },
      {
        code: 'school-catering',
        name: 'Restauration scolaire',
        category: 'school-catering',
        contact: {
          phone: '04 70 58 87 11',
          email: 'restauration@ville-bellerive-sur-allier.fr',
        },
      },
      {
        code: 'out-of-school-care',
        name: 'Accueil périscolaire',
        category: 'out-of-school-care',
        contact: {
          phone: '04 70 58 87 12',
          email: 'periscolaire@ville-bellerive-sur-allier.fr',
          contactNames: 'Karim BENALI',
        },
      },
    ],
    schools: [
      {
        name: 'École maternelle Alexandre Varenne',
        kind: 'maternelle',
        address: {
          addressLine1: '37 rue Charloing',
          postalCode: '03700',
          city: 'Bellerive-sur-Allier',
        },
        phone: '04 70 32 05 42',
        directorName: 'Monique FAURE',
      },
      {
        name: 'École maternelle Jean Zay',
        kind: 'maternelle',
        address: {
          addressLine1: 'Rue de la Perche',
          postalCode: '03700',
          city: 'Bellerive-sur-Allier',
        },
        phone: '04 70 32 31 42',
        directorName: 'Valérie BRUNEL',
      },
      {
        name: 'École élémentaire Marx Dormoy',
        kind: 'elementaire',
        address: {
          addressLine1: '14 rue Adrien Cavy',
          postalCode: '03700',
          city: 'Bellerive-sur-Allier',
        },
        phone: '04 70 32 07 65',
        directorName: 'Catherine LEBRUN',
      },
      {
        name: 'École élémentaire Jean-Baptiste Burlot',
        kind: 'elementaire',
        address: {
          addressLine1: 'Rue Jean-Baptiste Burlot',
          postalCode: '03700',
          city: 'Bellerive-sur-Allier',
        },
        phone: '04 70 32 10 48',
        directorName: 'Sylvie MOULIN',
      },
    ],
    agents: [
      {
        firstName: 'Nathalie',
        lastName: 'PERRIN',
        serviceCodes: ['education'],
        roles: ['supervisor'],
      },
      {
        firstName: 'Karim',
        lastName: 'BENALI',
        serviceCodes: ['school-catering', 'out-of-school-care'],
        roles: ['agent'],
      },
    ],
  },
];

/** `Hélène VIGNAL` of `vichy-communaute` → `helene.vignal@vichy-communaute.portail-famille.test`. */
export function demoAgentEmail(organisationSlug: string, agent: DemoAgent): string {
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-');
  return `${ascii(agent.firstName)}.${ascii(agent.lastName)}@${organisationSlug}.portail-famille.test`;
}

// ---------------------------------------------------------------------------------------------
// Demo families. Every person, address and number is invented (not the specification's
// invoice); phone numbers are in the ranges ARCEP reserves for fiction (06 39 98…, 04 65 71…)
// and e-mail addresses in the reserved `.test` domain. Class levels are those of the school
// year 2026-2027, each matching the child's year of birth (checked before anything is written).

/** The school year of the children's class levels starts in September of this year. */
export const DEMO_SCHOOL_YEAR = 2026;

/** A commune of the directory, by its organisation's slug; or one outside it, by name. */
type DemoCommune = { slug: string } | { name: string; inseeCode?: string };

interface DemoGuardian {
  civility: Civility;
  firstName: string;
  lastName: string;
  relationship: GuardianRelationship;
  phone: string;
  email?: string;
  address: PostalAddress;
  commune: DemoCommune;
}

interface DemoChild {
  firstName: string;
  /** The family's last name when absent. */
  lastName?: string;
  birthDate: string;
  sex: ChildSex;
  schoolLevel: SchoolLevel;
  /** A school of the directory (its organisation's slug and its name), or another one by name. */
  school: { organisation: string; name: string } | { name: string };
  health?: Partial<ChildHealth>;
  authorisations?: Partial<ChildAuthorisations>;
}

export interface DemoFamily {
  /** The personal space; its owner is the first guardian (commune from the directory). */
  email: string;
  guardian: DemoGuardian & { commune: { slug: string } };
  /** The other parent, when there is one (separated parents each keep their address). */
  secondGuardian?: DemoGuardian;
  cafNumber: string;
  familyQuotient: number;
  familyQuotientValidUntil: string;
  children: DemoChild[];
  /** Municipal services the household deals with: their agents may look it up. */
  services: Array<{ organisation: string; code: string }>;
}

export const DEMO_FAMILIES: DemoFamily[] = [
  {
    email: 'aurelie.lemaire@familles.portail-famille.test',
    guardian: {
      civility: 'madame',
      firstName: 'Aurélie',
      lastName: 'LEMAIRE',
      relationship: 'mother',
      phone: '06 39 98 10 21',
      address: { line1: '14 rue de Paris', postalCode: '03200', city: 'Vichy' },
      commune: { slug: 'vichy' },
    },
    secondGuardian: {
      civility: 'monsieur',
      firstName: 'Nicolas',
      lastName: 'LEMAIRE',
      relationship: 'father',
      phone: '06 39 98 10 22',
      email: 'nicolas.lemaire@familles.portail-famille.test',
      address: { line1: '14 rue de Paris', postalCode: '03200', city: 'Vichy' },
      commune: { slug: 'vichy' },
    },
    cafNumber: '2846153',
    familyQuotient: 720,
    familyQuotientValidUntil: '2026-12-31',
    children: [
      {
        firstName: 'Inès',
        birthDate: '2018-04-12',
        sex: 'female',
        schoolLevel: 'CE2',
        school: { organisation: 'vichy', name: 'École élémentaire Jacques Laurent' },
        health: {
          allergies: ['arachide', 'fruits à coque'],
          pai: true,
          paiDetails:
            'PAI alimentaire : panier repas fourni par la famille ; stylo d’adrénaline dans la trousse d’urgence du restaurant scolaire.',
          doctorName: 'Dr Anne-Sophie RIVIÈRE',
          doctorPhone: '04 65 71 20 31',
        },
        authorisations: {
          imageRights: true,
          mayLeaveAlone: false,
          authorisedPickups: [
            { name: 'Josiane LEMAIRE', relationship: 'grand-mère', phone: '06 39 98 10 23' },
          ],
        },
      },
      {
        firstName: 'Hugo',
        birthDate: '2022-09-03',
        sex: 'male',
        schoolLevel: 'MS',
        school: { organisation: 'vichy', name: 'École maternelle Les Tilleuls' },
        health: { doctorName: 'Dr Anne-Sophie RIVIÈRE', doctorPhone: '04 65 71 20 31' },
        authorisations: {
          imageRights: true,
          authorisedPickups: [
            { name: 'Josiane LEMAIRE', relationship: 'grand-mère', phone: '06 39 98 10 23' },
          ],
        },
      },
    ],
    services: [
      { organisation: 'vichy', code: 'school-catering' },
      { organisation: 'vichy', code: 'out-of-school-care' },
    ],
  },
  {
    // Separated parents: the mother lives in Cusset, the father in Vichy.
    email: 'sandrine.bertrand@familles.portail-famille.test',
    guardian: {
      civility: 'madame',
      firstName: 'Sandrine',
      lastName: 'BERTRAND',
      relationship: 'mother',
      phone: '06 39 98 20 41',
      address: { line1: '8 rue des Tanneries', postalCode: '03300', city: 'Cusset' },
      commune: { slug: 'cusset' },
    },
    secondGuardian: {
      civility: 'monsieur',
      firstName: 'Frédéric',
      lastName: 'BERTRAND',
      relationship: 'father',
      phone: '06 39 98 20 42',
      address: {
        line1: '27 boulevard des Graves',
        line2: 'Appartement 12',
        postalCode: '03200',
        city: 'Vichy',
      },
      commune: { slug: 'vichy' },
    },
    cafNumber: '3917265',
    familyQuotient: 540,
    familyQuotientValidUntil: '2027-01-31',
    children: [
      {
        firstName: 'Lucas',
        birthDate: '2017-02-21',
        sex: 'male',
        schoolLevel: 'CM1',
        school: { organisation: 'cusset', name: 'École élémentaire Jean Macé' },
        authorisations: {
          imageRights: false,
          mayLeaveAlone: true,
          authorisedPickups: [
            { name: 'Martine GAUTHIER', relationship: 'grand-mère', phone: '06 39 98 20 43' },
            { name: 'Frédéric BERTRAND', relationship: 'père', phone: '06 39 98 20 42' },
          ],
        },
      },
      {
        firstName: 'Chloé',
        birthDate: '2021-06-30',
        sex: 'female',
        schoolLevel: 'GS',
        school: { organisation: 'cusset', name: 'École maternelle Les Cordeliers' },
        health: {
          allergies: ['lactose'],
          doctorName: 'Dr Olivier PRADEL',
          doctorPhone: '04 65 71 20 32',
        },
        authorisations: {
          imageRights: false,
          authorisedPickups: [
            { name: 'Martine GAUTHIER', relationship: 'grand-mère', phone: '06 39 98 20 43' },
            { name: 'Frédéric BERTRAND', relationship: 'père', phone: '06 39 98 20 42' },
          ],
        },
      },
    ],
    services: [
      { organisation: 'cusset', code: 'school-catering' },
      { organisation: 'cusset', code: 'leisure-centre' },
    ],
  },
  {
    email: 'minh.nguyen@familles.portail-famille.test',
    guardian: {
      civility: 'monsieur',
      firstName: 'Minh',
      lastName: 'NGUYEN',
      relationship: 'father',
      phone: '06 39 98 30 51',
      address: {
        line1: '11 allée des Acacias',
        postalCode: '03700',
        city: 'Bellerive-sur-Allier',
      },
      commune: { slug: 'bellerive-sur-allier' },
    },
    secondGuardian: {
      civility: 'madame',
      firstName: 'Céline',
      lastName: 'NGUYEN',
      relationship: 'mother',
      phone: '06 39 98 30 52',
      address: {
        line1: '11 allée des Acacias',
        postalCode: '03700',
        city: 'Bellerive-sur-Allier',
      },
      commune: { slug: 'bellerive-sur-allier' },
    },
    cafNumber: '4502981',
    familyQuotient: 1150,
    familyQuotientValidUntil: '2026-12-31',
    children: [
      {
        firstName: 'Léna',
        birthDate: '2019-11-08',
        sex: 'female',
        schoolLevel: 'CE1',
        school: { organisation: 'bellerive-sur-allier', name: 'École élémentaire Marx Dormoy' },
        authorisations: { imageRights: true },
      },
      {
        firstName: 'Théo',
        birthDate: '2023-03-15',
        sex: 'male',
        schoolLevel: 'PS',
        school: { organisation: 'bellerive-sur-allier', name: 'École maternelle Jean Zay' },
        health: {
          allergies: ['œuf', 'kiwi'],
          pai: true,
          paiDetails: 'Éviction de l’œuf et du kiwi ; antihistaminique en cas de réaction.',
          doctorName: 'Dr Olivier PRADEL',
          doctorPhone: '04 65 71 20 32',
        },
        authorisations: {
          imageRights: true,
          authorisedPickups: [
            { name: 'Thi Lan NGUYEN', relationship: 'tante', phone: '06 39 98 30 53' },
          ],
        },
      },
    ],
    services: [
      { organisation: 'bellerive-sur-allier', code: 'school-catering' },
      { organisation: 'bellerive-sur-allier', code: 'out-of-school-care' },
    ],
  },
  {
    // One guardian only.
    email: 'marion.fayolle@familles.portail-famille.test',
    guardian: {
      civility: 'madame',
      firstName: 'Marion',
      lastName: 'FAYOLLE',
      relationship: 'mother',
      phone: '06 39 98 40 61',
      address: { line1: '5 rue Source de l’Hôpital', postalCode: '03200', city: 'Vichy' },
      commune: { slug: 'vichy' },
    },
    cafNumber: '5108342',
    familyQuotient: 380,
    familyQuotientValidUntil: '2027-06-30',
    children: [
      {
        firstName: 'Jade',
        birthDate: '2015-05-19',
        sex: 'female',
        schoolLevel: '6e',
        school: { name: 'Collège Jules Ferry, Vichy' },
        authorisations: { imageRights: true, mayLeaveAlone: true },
      },
      {
        firstName: 'Nathan',
        birthDate: '2020-01-27',
        sex: 'male',
        schoolLevel: 'CP',
        school: { organisation: 'vichy', name: 'École élémentaire Pierre Coulon' },
        health: { allergies: ['pollens'] },
        authorisations: {
          imageRights: true,
          authorisedPickups: [
            { name: 'Jade FAYOLLE', relationship: 'sœur', phone: '06 39 98 40 62' },
            { name: 'Gérard FAYOLLE', relationship: 'grand-père', phone: '06 39 98 40 63' },
          ],
        },
      },
    ],
    services: [
      { organisation: 'vichy-communaute', code: 'music-conservatory' },
      { organisation: 'vichy', code: 'leisure-centres' },
    ],
  },
  {
    // Separated parents, the mother outside the communes of the directory; no service yet.
    email: 'julien.charbonnier@familles.portail-famille.test',
    guardian: {
      civility: 'monsieur',
      firstName: 'Julien',
      lastName: 'CHARBONNIER',
      relationship: 'father',
      phone: '06 39 98 50 71',
      address: {
        line1: '18 avenue de la République',
        postalCode: '03700',
        city: 'Bellerive-sur-Allier',
      },
      commune: { slug: 'bellerive-sur-allier' },
    },
    secondGuardian: {
      civility: 'madame',
      firstName: 'Élodie',
      lastName: 'MARCHAND',
      relationship: 'mother',
      phone: '06 39 98 50 72',
      address: { line1: '2 rue de la Gare', postalCode: '03270', city: 'Saint-Yorre' },
      commune: { name: 'Saint-Yorre' },
    },
    cafNumber: '6273914',
    familyQuotient: 890,
    familyQuotientValidUntil: '2027-03-31',
    children: [
      {
        firstName: 'Rose',
        birthDate: '2022-12-02',
        sex: 'female',
        schoolLevel: 'MS',
        school: {
          organisation: 'bellerive-sur-allier',
          name: 'École maternelle Alexandre Varenne',
        },
        authorisations: {
          imageRights: false,
          authorisedPickups: [
            { name: 'Élodie MARCHAND', relationship: 'mère', phone: '06 39 98 50 72' },
          ],
        },
      },
    ],
    services: [],
  },
];

/**
 * The class level of a child born in `birthDate` in the school year starting in September of
 * `schoolYear`, without a repeated or skipped year: born 2023 → PS in 2026-2027, 2020 → CP.
 */
export function schoolLevelFor(birthDate: string, schoolYear = DEMO_SCHOOL_YEAR): SchoolLevel {
  const level = SCHOOL_LEVELS[schoolYear - Number(birthDate.slice(0, 4)) - 2];
  if (!level) throw new Error(`No class level in ${schoolYear} for a child born ${birthDate}`);
  return level;
}

// ---------------------------------------------------------------------------------------------
// The run.

export interface SeedOptions {
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  agentPassword: string;
  /** Password of the demo families' accounts (default `Famille-Portail-2025`). */
  familyPassword?: string;
  /** Environment of the identity service's configuration (NATS_URL, EVENTS_STREAM…). */
  env?: NodeJS.ProcessEnv;
  logDestination?: DestinationStream;
  /** Where to say what was created; passwords are said only when their account is created. */
  say?: (line: string) => void;
}

export interface SeedReport {
  organisations: number;
  services: number;
  schools: number;
  administrators: number;
  agents: number;
  /** Family accounts (verified, active). */
  families: number;
  households: number;
  /** Guardians: the first one comes with its household, a second one is added. */
  guardians: number;
  children: number;
  /** Households' links to the municipal services they deal with. */
  serviceLinks: number;
}

export interface SeedContext {
  app: INestApplicationContext;
  admin: AdminCaller;
  options: SeedOptions;
  report: SeedReport;
  say: (line: string) => void;
}

/**
 * One step of the seed; each must be idempotent (look up by a natural key, create only what
 * is missing), so that a run stopped half-way is completed by the next one.
 */
export type SeedStep = (context: SeedContext) => Promise<void>;

async function seedDirectory(context: SeedContext): Promise<void> {
  const { app, admin, report } = context;
  const getOrganisation = app.get(GetOrganisation);
  for (const demo of DEMO_DIRECTORY) {
    let organisation = await getOrganisation.findBySlug(demo.slug);
    if (!organisation) {
      await app.get(CreateOrganisation).execute(admin, {
        slug: demo.slug,
        name: demo.name,
        kind: demo.kind,
        inseeCode: demo.inseeCode ?? null,
        contact: demo.contact,
      });
      report.organisations += 1;
      organisation = (await getOrganisation.findBySlug(demo.slug))!;
    }
    for (const service of demo.services) {
      if (organisation.services.some((existing) => existing.code === service.code)) continue;
      const command: CreateMunicipalServiceCommand = {
        organisationId: organisation.id,
        ...service,
      };
      await app.get(CreateMunicipalService).execute(admin, command);
      report.services += 1;
    }
    const schools = await app
      .get(ListSchools)
      .execute({ organisationId: organisation.id, includeInactive: true });
    for (const school of demo.schools) {
      if (schools.some((existing) => existing.name.toLowerCase() === school.name.toLowerCase()))
        continue;
      await app.get(CreateSchool).execute(admin, { organisationId: organisation.id, ...school });
      report.schools += 1;
    }
  }
}

async function seedAgents(context: SeedContext): Promise<void> {
  const { app, admin, options, report } = context;
  const dataSource = app.get(DataSource);
  const staff = app.get(StaffAccounts);
  for (const demo of DEMO_DIRECTORY) {
    const organisation = (await app
      .get(GetOrganisation)
      .findBySlug(demo.slug)) as OrganisationDetailsView;
    for (const agent of demo.agents) {
      const email = demoAgentEmail(demo.slug, agent);
      if (await staff.findByEmail(dataSource.manager, email)) continue;
      const serviceIds = agent.serviceCodes.map((code) => {
        const service = organisation.services.find((candidate) => candidate.code === code);
        if (!service) throw new Error(`Seed data: no service ${code} in ${demo.slug}`);
        return service.id;
      });
      await app.get(CreateAgent).execute(admin, {
        email,
        password: options.agentPassword,
        firstName: agent.firstName,
        lastName: agent.lastName,
        organisationId: organisation.id,
        serviceIds,
        roles: agent.roles,
      });
      report.agents += 1;
      const roles = agent.roles.filter((role) => role !== 'agent');
      context.say(
        `  agent ${email} (${demo.name}: ${agent.serviceCodes.join(', ')}${roles.length ? `; ${roles.join(', ')}` : ''})`,
      );
    }
  }
  if (report.agents) context.say(`  agents' password: ${options.agentPassword}`);
}

/**
 * Checks `value` with the DTO class the API validates it with (the identity service's own
 * pipe: unknown fields refused, texts trimmed), so demo data obey the same rules as families'.
 */
async function validated<T>(dto: new () => T, value: object, what: string): Promise<T> {
  try {
    return (await rpcValidationPipe().transform(value, { type: 'body', metatype: dto })) as T;
  } catch (error) {
    if (error instanceof DomainException) {
      throw new Error(
        `Seed data: ${what}: ${JSON.stringify(error.envelope.details ?? error.envelope)}`,
      );
    }
    throw error;
  }
}

function communeInput(commune: DemoCommune, directory: Map<string, OrganisationDetailsView>) {
  if (!('slug' in commune)) return commune satisfies CommuneOfResidenceInput;
  const organisation = directory.get(commune.slug);
  if (!organisation) throw new Error(`Seed data: no commune ${commune.slug} in the directory`);
  return { organisationId: organisation.id } satisfies CommuneOfResidenceInput;
}

function guardianInput(
  guardian: DemoGuardian,
  directory: Map<string, OrganisationDetailsView>,
): GuardianInput {
  return { ...guardian, commune: communeInput(guardian.commune, directory) };
}

/** The household of the family account, or undefined when it has none yet. */
async function householdOf(
  context: SeedContext,
  caller: FamilyCaller,
): Promise<HouseholdView | undefined> {
  try {
    return await context.app.get(GetMyHousehold).execute(caller);
  } catch (error) {
    if (
      error instanceof DomainException &&
      error.envelope.code === HouseholdErrorCode.HOUSEHOLD_NOT_FOUND
    ) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Demo families: a verified personal space each (CreateVerifiedFamilyAccount, see why there),
 * then, with the family as caller, its household (CreateHousehold), the other parent
 * (AddGuardian) and the children (CreateChild), as the family would through the API; last,
 * the household's links to the services it deals with (LinkHouseholdService), which let those
 * services' agents look it up. Each part is looked up first and created only when missing.
 */
async function seedFamilies(context: SeedContext): Promise<void> {
  const { app, options, report } = context;
  const dataSource = app.get(DataSource);
  const password = options.familyPassword ?? DEFAULT_FAMILY_PASSWORD;
  const directory = new Map<string, OrganisationDetailsView>();
  const schools = new Map<string, string>();
  for (const demo of DEMO_DIRECTORY) {
    const organisation = (await app.get(GetOrganisation).findBySlug(demo.slug))!;
    directory.set(demo.slug, organisation);
    const list = await app
      .get(ListSchools)
      .execute({ organisationId: organisation.id, includeInactive: true });
    for (const school of list) schools.set(`${demo.slug}/${school.name}`, school.id);
  }
  let accountsCreated = 0;
  for (const family of DEMO_FAMILIES) {
    const created: string[] = [];
    const { guardian } = family;
    let account = await dataSource
      .getRepository(Account)
      .findOneBy({ emailNormalized: normalizeEmail(family.email) });
    if (!account) {
      const signUp = await validated(
        SignUpCommand,
        {
          email: family.email,
          password,
          firstName: guardian.firstName,
          lastName: guardian.lastName,
          phone: guardian.phone,
          address: guardian.address,
          acceptTerms: true,
        },
        family.email,
      );
      account = await app.get(CreateVerifiedFamilyAccount).execute(signUp);
      report.families += 1;
      accountsCreated += 1;
      created.push('account');
    } else if (account.kind !== 'family' || account.status !== 'active') {
      throw new Error(
        `Seed data: ${family.email} already has a ${account.status} ${account.kind} account; remove it to seed this family`,
      );
    }
    const caller: FamilyCaller = { kind: 'family', accountId: account.id };

    let household = await householdOf(context, caller);
    if (!household) {
      const command = await validated(
        CreateHouseholdCommand,
        {
          guardian: guardianInput({ ...guardian, email: family.email }, directory),
          cafNumber: family.cafNumber,
          familyQuotient: family.familyQuotient,
          familyQuotientValidUntil: family.familyQuotientValidUntil,
        },
        `household of ${family.email}`,
      );
      household = await app.get(CreateHousehold).execute(caller, command);
      report.households += 1;
      report.guardians += 1;
      created.push('household');
    }
    const householdId = household.id;

    const other = family.secondGuardian;
    if (
      other &&
      household.guardians.length < 2 &&
      !household.guardians.some(
        (existing) =>
          existing.firstName === other.firstName && existing.lastName === other.lastName,
      )
    ) {
      const command = await validated(
        AddGuardianCommand,
        { householdId, ...guardianInput(other, directory) },
        `second guardian of ${family.email}`,
      );
      await app.get(AddGuardian).execute(caller, command);
      report.guardians += 1;
      created.push(`guardian ${other.firstName} ${other.lastName}`);
    }

    for (const child of family.children) {
      if (
        household.children.some(
          (existing) =>
            existing.firstName === child.firstName && existing.birthDate === child.birthDate,
        )
      ) {
        continue;
      }
      if (schoolLevelFor(child.birthDate) !== child.schoolLevel) {
        throw new Error(
          `Seed data: ${child.firstName} (born ${child.birthDate}) would be in ${schoolLevelFor(child.birthDate)}, not ${child.schoolLevel}, in ${DEMO_SCHOOL_YEAR}-${DEMO_SCHOOL_YEAR + 1}`,
        );
      }
      let school: { schoolId: string } | { schoolName: string };
      if ('organisation' in child.school) {
        const schoolId = schools.get(`${child.school.organisation}/${child.school.name}`);
        if (!schoolId) throw new Error(`Seed data: no school ${child.school.name}`);
        school = { schoolId };
      } else {
        school = { schoolName: child.school.name };
      }
      const command = await validated(
        CreateChildCommand,
        {
          householdId,
          firstName: child.firstName,
          lastName: child.lastName ?? guardian.lastName,
          birthDate: child.birthDate,
          sex: child.sex,
          schoolLevel: child.schoolLevel,
          ...school,
          health: child.health,
          authorisations: child.authorisations,
        },
        `child ${child.firstName} of ${family.email}`,
      );
      await app.get(CreateChild).execute(caller, command);
      report.children += 1;
      created.push(`child ${child.firstName} (${child.schoolLevel})`);
    }

    for (const { organisation, code } of family.services) {
      const municipalServiceId = directory
        .get(organisation)
        ?.services.find((service) => service.code === code)?.id;
      if (!municipalServiceId) throw new Error(`Seed data: no service ${code} in ${organisation}`);
      const links = dataSource.getRepository(HouseholdServiceLink);
      if (await links.existsBy({ householdId, municipalServiceId })) continue;
      await app.get(LinkHouseholdService).link({ householdId, municipalServiceId });
      report.serviceLinks += 1;
      created.push(`link ${organisation}/${code}`);
    }

    if (created.length) context.say(`  family ${family.email}: ${created.join(', ')}`);
  }
  if (accountsCreated) context.say(`  families' password: ${password}`);
}

export const SEED_STEPS: SeedStep[] = [seedDirectory, seedAgents, seedFamilies];

export async function seed(options: SeedOptions): Promise<SeedReport> {
  const say = options.say ?? (() => undefined);
  const config = loadConfig('identity', identityEnvSchema, {
    ...(options.env ?? process.env),
    DATABASE_URL: options.databaseUrl,
    HTTP_PORT: '0',
    // The running identity service publishes what the seed records; the seed only writes.
    EVENTS_RELAY_ENABLED: 'false',
    EVENTS_CONSUMER_ENABLED: 'false',
    RUN_MIGRATIONS: 'true',
  });
  const database = new URL(options.databaseUrl).pathname.slice(1);
  await ensureDatabase(options.databaseUrl, database);
  const app = await createBackendContext(identityService, config, {
    logDestination: options.logDestination,
  });
  const report: SeedReport = {
    organisations: 0,
    services: 0,
    schools: 0,
    administrators: 0,
    agents: 0,
    families: 0,
    households: 0,
    guardians: 0,
    children: 0,
    serviceLinks: 0,
  };
  try {
    const dataSource = app.get(DataSource);
    const staff = app.get(StaffAccounts);
    let adminAccount = await staff.findByEmail(dataSource.manager, options.adminEmail);
    if (!adminAccount) {
      adminAccount = await dataSource.transaction((manager) =>
        staff.create(manager, {
          kind: 'admin',
          email: options.adminEmail,
          password: options.adminPassword,
          firstName: 'Administrateur',
          lastName: 'Portail Famille',
        }),
      );
      report.administrators += 1;
      say(`  administrator ${options.adminEmail} / password: ${options.adminPassword}`);
    }
    const context: SeedContext = {
      app,
      admin: { kind: 'admin', accountId: adminAccount.id },
      options,
      report,
      say,
    };
    for (const step of SEED_STEPS) await step(context);
  } finally {
    await app.close();
  }
  return report;
}

if (require.main === module) {
  runSeedStep(
    (say) =>
      seed({
        databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
        adminEmail: process.env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
        adminPassword: process.env.SEED_ADMIN_PASSWORD ?? DEFAULT_ADMIN_PASSWORD,
        agentPassword: process.env.SEED_AGENT_PASSWORD ?? DEFAULT_AGENT_PASSWORD,
        familyPassword: process.env.SEED_FAMILY_PASSWORD ?? DEFAULT_FAMILY_PASSWORD,
        env: { LOG_LEVEL: 'warn', ...process.env },
        say,
      }),
    (report) =>
      Object.values(report).reduce<number>((sum, count: number) => sum + count, 0)
        ? `Seeded: ${report.organisations} organisation(s), ${report.services} service(s), ${report.schools} school(s), ${report.administrators} administrator(s), ${report.agents} agent(s), ${report.families} family account(s), ${report.households} household(s), ${report.guardians} guardian(s), ${report.children} child(ren), ${report.serviceLinks} service link(s).`
        : 'Demo data already present (directory, staff, families): nothing to do.',
  );
}
