import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { LogCapture, TestSystem } from '@portail/testing';
import {
  DEMO_DIRECTORY,
  DEMO_FAMILIES,
  demoAgentEmail,
  seed,
  type SeedOptions,
} from '../../scripts/seed';
import { logIn } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { api } from './directory-support';

const TABLES: Record<string, string> = {
  organisations: 'SELECT id, slug, name, kind, contact, active FROM organisations ORDER BY slug',
  municipal_services:
    'SELECT id, organisation_id, code, name, category, description, contact, active FROM municipal_services ORDER BY id',
  schools:
    'SELECT id, organisation_id, name, kind, address, phone, director_name, active FROM schools ORDER BY id',
  accounts:
    'SELECT id, kind, email, status, first_name, last_name, password_hash FROM accounts ORDER BY id',
  agent_assignments:
    'SELECT account_id, organisation_id, municipal_service_id, roles FROM agent_assignments ORDER BY account_id, municipal_service_id',
  households: 'SELECT * FROM households ORDER BY id',
  guardians: 'SELECT * FROM guardians ORDER BY id',
  children: 'SELECT * FROM children ORDER BY id',
  household_service_links:
    'SELECT * FROM household_service_links ORDER BY household_id, municipal_service_id',
  // Row counts only: what a run writes besides the rows above.
  household_changes: 'SELECT count(*)::int AS rows FROM household_changes',
  outbox: 'SELECT count(*)::int AS rows FROM outbox',
  audit_log: 'SELECT count(*)::int AS rows FROM audit_log',
};

/** Year of birth of a child in each class level of the school year 2026-2027. */
const BORN_IN: Record<string, number> = {
  PS: 2023,
  MS: 2022,
  GS: 2021,
  CP: 2020,
  CE1: 2019,
  CE2: 2018,
  CM1: 2017,
  CM2: 2016,
  '6e': 2015,
};
const FAMILY_PASSWORD = 'Famille-Portail-2025';

describe('npm run seed', () => {
  const id = randomBytes(3).toString('hex');
  const database = TestSystem.uniqueDatabaseName('seed');
  const databaseUrl = withDatabase(TestSystem.serverUrl(), database);
  const stream = `PF_SEED_${id.toUpperCase()}`;
  const lines: string[] = [];
  const options: SeedOptions = {
    databaseUrl,
    adminEmail: 'admin@portail-famille.test',
    adminPassword: 'Admin-Portail-2025',
    agentPassword: 'Agent-Portail-2025',
    familyPassword: FAMILY_PASSWORD,
    env: {
      NATS_URL: process.env.NATS_URL,
      EVENTS_STREAM: stream,
      EVENTS_SUBJECT_PREFIX: `pfseed${id}.events`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    logDestination: new LogCapture(),
    say: (line) => lines.push(line),
  };

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const result: Record<string, unknown[]> = {};
      for (const [table, sql] of Object.entries(TABLES))
        result[table] = (await client.query(sql)).rows;
      return result;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await ensureDatabase(TestSystem.serverUrl(), database);
  });

  afterAll(async () => {
    await dropDatabase(TestSystem.serverUrl(), database);
    const nats = await connect({ servers: process.env.NATS_URL });
    try {
      await (await nats.jetstreamManager()).streams.delete(stream).catch(() => false);
    } finally {
      await nats.close();
    }
  });

  it('creates the directory, an administrator, agents and families; a second run changes nothing', async () => {
    const first = await seed(options);
    const expectedServices = DEMO_DIRECTORY.reduce((sum, o) => sum + o.services.length, 0);
    const expectedSchools = DEMO_DIRECTORY.reduce((sum, o) => sum + o.schools.length, 0);
    const expectedAgents = DEMO_DIRECTORY.reduce((sum, o) => sum + o.agents.length, 0);
    const expectedGuardians = DEMO_FAMILIES.reduce((sum, f) => sum + (f.secondGuardian ? 2 : 1), 0);
    const expectedChildren = DEMO_FAMILIES.reduce((sum, f) => sum + f.children.length, 0);
    const expectedLinks = DEMO_FAMILIES.reduce((sum, f) => sum + f.services.length, 0);
    expect(first).toEqual({
      organisations: 4,
      services: expectedServices,
      schools: expectedSchools,
      administrators: 1,
      agents: expectedAgents,
      families: DEMO_FAMILIES.length,
      households: DEMO_FAMILIES.length,
      guardians: expectedGuardians,
      children: expectedChildren,
      serviceLinks: expectedLinks,
    });
    expect(lines.join('\n')).toContain('administrator admin@portail-famille.test / password:');
    expect(lines).toContain(`  families' password: ${FAMILY_PASSWORD}`);
    const before = await snapshot();

    lines.length = 0;
    const second = await seed(options);
    expect(second).toEqual({
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
    });
    expect(lines).toEqual([]);
    const after = await snapshot();
    for (const table of Object.keys(TABLES))
      expect(after[table]).toHaveLength(before[table].length);
    expect(after).toEqual(before);

    const organisations = before.organisations as Array<{ slug: string; kind: string }>;
    expect(organisations.map((o) => [o.slug, o.kind])).toEqual([
      ['bellerive-sur-allier', 'commune'],
      ['cusset', 'commune'],
      ['vichy', 'commune'],
      ['vichy-communaute', 'intercommunality'],
    ]);
    const schools = before.schools as Array<{
      name: string;
      phone: string;
      address: { addressLine1: string };
    }>;
    expect(schools).toContainEqual(
      expect.objectContaining({
        name: 'École maternelle Alexandre Varenne',
        phone: '04 70 32 05 42',
        address: expect.objectContaining({ addressLine1: '37 rue Charloing' }) as unknown,
      }),
    );
    const services = before.municipal_services as Array<{
      code: string;
      contact: Record<string, string>;
    }>;
    expect(services).toContainEqual(
      expect.objectContaining({
        code: 'school-catering',
        contact: expect.objectContaining({
          phone: '04 70 30 55 04',
          voicemail: '04 70 30 55 90',
        }) as unknown,
      }),
    );
    // Every organisation has agents, each attached to services of its own organisation only.
    const assignments = before.agent_assignments as Array<{ organisation_id: string }>;
    expect(new Set(assignments.map((a) => a.organisation_id)).size).toBe(4);

    // Families: verified, active personal spaces, each the first guardian of its household.
    const accounts = before.accounts as Array<{
      id: string;
      kind: string;
      email: string;
      status: string;
    }>;
    const families = accounts.filter((a) => a.kind === 'family');
    expect(families.map((a) => a.email).sort()).toEqual(DEMO_FAMILIES.map((f) => f.email).sort());
    expect(families.every((a) => a.status === 'active')).toBe(true);
    const guardians = before.guardians as Array<{
      household_id: string;
      account_id: string | null;
      is_primary: boolean;
      city: string;
      commune_organisation_id: string | null;
      commune_name: string;
    }>;
    const households = before.households as Array<{
      id: string;
      caf_number: string;
      family_quotient: number;
      family_quotient_valid_until: unknown;
    }>;
    expect(households).toHaveLength(DEMO_FAMILIES.length);
    expect(guardians).toHaveLength(expectedGuardians);
    const primaries = guardians.filter((g) => g.is_primary);
    expect(primaries.map((g) => g.account_id).sort()).toEqual(families.map((a) => a.id).sort());
    expect(primaries.every((g) => g.commune_organisation_id !== null)).toBe(true);
    expect(new Set(primaries.map((g) => g.commune_name))).toEqual(
      new Set(['Vichy', 'Cusset', 'Bellerive-sur-Allier']),
    );
    expect(
      households.every(
        (h) =>
          /^\d{7}$/.test(h.caf_number) && h.family_quotient > 0 && h.family_quotient_valid_until,
      ),
    ).toBe(true);
    // Separated parents: a second guardian living elsewhere than the first one.
    const cityOfPrimary = new Map(primaries.map((g) => [g.household_id, g.city]));
    expect(
      guardians.some((g) => !g.is_primary && g.city !== cityOfPrimary.get(g.household_id)),
    ).toBe(true);

    const children = before.children as Array<{
      household_id: string;
      birth_date: unknown;
      school_level: string;
      school_id: string | null;
      allergies: string[];
      pai: boolean;
      authorised_pickups: unknown[];
    }>;
    expect(children).toHaveLength(expectedChildren);
    const perHousehold = new Map<string, number>();
    for (const child of children)
      perHousehold.set(child.household_id, (perHousehold.get(child.household_id) ?? 0) + 1);
    expect([...perHousehold.values()].every((count) => count >= 1 && count <= 3)).toBe(true);
    expect(perHousehold.size).toBe(DEMO_FAMILIES.length);
    const year = (date: unknown) =>
      date instanceof Date ? date.getFullYear() : Number(String(date).slice(0, 4));
    for (const child of children) expect(year(child.birth_date)).toBe(BORN_IN[child.school_level]);
    // Children of a directory school: maternelle up to GS, élémentaire from CP.
    const schoolKinds = before.schools as Array<{ id: string; kind: string }>;
    const kindOf = new Map(schoolKinds.map((school) => [school.id, school.kind]));
    for (const child of children.filter((c) => c.school_id)) {
      expect(kindOf.get(child.school_id!)).toBe(
        ['PS', 'MS', 'GS'].includes(child.school_level) ? 'maternelle' : 'elementaire',
      );
    }
    expect(children.some((c) => c.allergies.length > 0 && c.pai)).toBe(true);
    expect(children.some((c) => c.authorised_pickups.length > 0)).toBe(true);

    const links = before.household_service_links as Array<{ household_id: string }>;
    expect(links).toHaveLength(expectedLinks);
    expect(links.every((link) => households.some((h) => h.id === link.household_id))).toBe(true);
  });

  it('seeds a running system, whose families and agents then log in through the gateway', async () => {
    const system = await startSystem(['identity']);
    try {
      const report = await seed({
        ...options,
        databaseUrl: system.databaseUrlOf('identity'),
        env: { ...system.env, LOG_LEVEL: 'warn' },
        say: () => undefined,
      });
      expect(report.families).toBe(DEMO_FAMILIES.length);

      const lemaire = DEMO_FAMILIES.find((f) => f.email.startsWith('aurelie.lemaire'))!;
      const bertrand = DEMO_FAMILIES.find((f) => f.email.startsWith('sandrine.bertrand'))!;
      const pair = await logIn(system, lemaire.email, FAMILY_PASSWORD);
      const family = { authorization: `Bearer ${pair.accessToken}` };
      const household = await api<{
        id: string;
        guardians: Array<{ primary: boolean; email: string | null }>;
        children: Array<{ firstName: string; schoolLevel: string }>;
      }>(system, 'GET', '/me/household', { headers: family });
      expect(household.status).toBe(200);
      expect(household.body.guardians).toHaveLength(2);
      expect(household.body.children.map((c) => [c.firstName, c.schoolLevel])).toEqual(
        lemaire.children.map((c) => [c.firstName, c.schoolLevel]),
      );

      // A school-catering agent of Vichy finds the Vichy household, not the Cusset one.
      const vichy = DEMO_DIRECTORY.find((o) => o.slug === 'vichy')!;
      const agentEmail = demoAgentEmail(
        'vichy',
        vichy.agents.find((a) => a.lastName === 'MARTIN')!,
      );
      const agentPair = await logIn(system, agentEmail, options.agentPassword);
      const agent = { authorization: `Bearer ${agentPair.accessToken}` };
      const found = await api(system, 'GET', `/agent/household-links/${household.body.id}`, {
        headers: agent,
      });
      expect(found.status).toBe(200);
      const [other] = await system.query<{ household_id: string }>(
        'identity',
        `SELECT g.household_id FROM guardians g JOIN accounts a ON a.id = g.account_id
          WHERE a.email = $1`,
        [bertrand.email],
      );
      const refused = await api(system, 'GET', `/agent/household-links/${other.household_id}`, {
        headers: agent,
      });
      // Another household answers as an unknown one: existence is not revealed.
      expect(refused.status).toBe(404);
    } finally {
      await system.close();
    }
  });
});
