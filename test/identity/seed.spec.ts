import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { LogCapture, TestSystem } from '@portail/testing';
import { DEMO_DIRECTORY, seed, type SeedOptions } from '../../scripts/seed';

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
};

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

  it('creates the directory, an administrator and agents; a second run changes nothing', async () => {
    const first = await seed(options);
    const expectedServices = DEMO_DIRECTORY.reduce((sum, o) => sum + o.services.length, 0);
    const expectedSchools = DEMO_DIRECTORY.reduce((sum, o) => sum + o.schools.length, 0);
    const expectedAgents = DEMO_DIRECTORY.reduce((sum, o) => sum + o.agents.length, 0);
    expect(first).toEqual({
      organisations: 4,
      services: expectedServices,
      schools: expectedSchools,
      administrators: 1,
      agents: expectedAgents,
    });
    expect(lines.join('\n')).toContain('administrator admin@portail-famille.test / password:');
    const before = await snapshot();

    lines.length = 0;
    const second = await seed(options);
    expect(second).toEqual({
      organisations: 0,
      services: 0,
      schools: 0,
      administrators: 0,
      agents: 0,
    });
    expect(lines).toEqual([]);
    expect(await snapshot()).toEqual(before);

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
  });
});
