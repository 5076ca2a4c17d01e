/**
 * `npm run seed`: demo data from the specification (../shared/seed): the directory (Vichy
 * Communauté, Vichy, Cusset, Bellerive-sur-Allier, their services and schools), an
 * administrator and agents. People are invented. Idempotent: what exists (by slug, code,
 * school name or e-mail) is left alone, so a second run changes nothing.
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
import type {
  AdminCaller,
  AgentRole,
  ContactDetails,
  CreateMunicipalServiceCommand,
  DirectoryAddress,
  MunicipalServiceCategory,
  OrganisationDetailsView,
  OrganisationKind,
  SchoolKind,
} from '@portail/contracts';
import { ensureDatabase } from '@portail/database';
import type { DestinationStream } from '@portail/logging';
import { createBackendContext } from '@portail/service-kit';
import { CreateAgent } from '../services/identity/src/agents/create-agent.use-case';
import { StaffAccounts } from '../services/identity/src/agents/staff-accounts';
import { identityEnvSchema } from '../services/identity/src/config';
import { identityService } from '../services/identity/src/identity.service';
import { CreateMunicipalService } from '../services/identity/src/municipal-services/create-municipal-service.use-case';
import { CreateOrganisation } from '../services/identity/src/organisations/create-organisation.use-case';
import { GetOrganisation } from '../services/identity/src/organisations/get-organisation.use-case';
import { CreateSchool } from '../services/identity/src/schools/create-school.use-case';
import { ListSchools } from '../services/identity/src/schools/list-schools.use-case';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_identity';
const DEFAULT_ADMIN_EMAIL = 'admin@portail-famille.test';
const DEFAULT_ADMIN_PASSWORD = 'Admin-Portail-2025';
const DEFAULT_AGENT_PASSWORD = 'Agent-Portail-2025';

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
        roles: ['agent'],
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
// The run.

export interface SeedOptions {
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  agentPassword: string;
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
 * is missing). Demo families and their children are a further step appended to SEED_STEPS:
 * it needs a verified family account (accounts) and then the households module's
 * CreateHousehold / CreateChild, called with that family as caller.
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
      context.say(`  agent ${email} (${demo.name}: ${agent.serviceCodes.join(', ')})`);
    }
  }
  if (report.agents) context.say(`  agents' password: ${options.agentPassword}`);
}

export const SEED_STEPS: SeedStep[] = [seedDirectory, seedAgents];

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
  const say = (line: string) => console.log(line);
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  seed({
    databaseUrl,
    adminEmail: process.env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
    adminPassword: process.env.SEED_ADMIN_PASSWORD ?? DEFAULT_ADMIN_PASSWORD,
    agentPassword: process.env.SEED_AGENT_PASSWORD ?? DEFAULT_AGENT_PASSWORD,
    env: { LOG_LEVEL: 'warn', ...process.env },
    say,
  })
    .then((report) => {
      const total = Object.values(report).reduce<number>((sum, count: number) => sum + count, 0);
      say(
        total
          ? `Seeded: ${report.organisations} organisation(s), ${report.services} service(s), ${report.schools} school(s), ${report.administrators} administrator(s), ${report.agents} agent(s).`
          : 'Demo data already present: nothing to do.',
      );
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
