import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { demoDataDecision } from '../../scripts/first-run';
import { SEED_STEPS } from '../../scripts/seed-all';

describe('npm start on empty databases loads the demo data', () => {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${process.env.PORTAIL_TEST_RUN_ID ?? 'pf_t'}_first_run`;
  const identity = withDatabase(server, name);

  beforeAll(async () => {
    await ensureDatabase(server, name);
  });

  afterAll(async () => {
    await dropDatabase(server, name);
  });

  async function sql(statement: string): Promise<void> {
    const client = new Client({ connectionString: identity });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  it('loads it into a database identity has not even migrated yet', async () => {
    await expect(demoDataDecision({}, identity)).resolves.toEqual({ load: true });
  });

  it('loads it while identity has no organisation', async () => {
    await sql('CREATE TABLE organisations (id uuid PRIMARY KEY)');
    await expect(demoDataDecision({}, identity)).resolves.toEqual({ load: true });
  });

  it('leaves databases that hold an organisation alone', async () => {
    await sql("INSERT INTO organisations VALUES ('00000000-0000-4000-8000-000000000001')");
    await expect(demoDataDecision({}, identity)).resolves.toEqual({
      load: false,
      reason: 'not-empty',
    });
  });

  it('never loads it in production, and not when SEED_DEMO_DATA=false', async () => {
    await sql('TRUNCATE organisations');
    await expect(demoDataDecision({ NODE_ENV: 'production' }, identity)).resolves.toEqual({
      load: false,
      reason: 'production',
    });
    await expect(demoDataDecision({ SEED_DEMO_DATA: 'false' }, identity)).resolves.toEqual({
      load: false,
      reason: 'disabled',
    });
  });

  it('runs the same steps as npm run seed, identity first', () => {
    expect(SEED_STEPS[0]).toBe('seed');
    expect(SEED_STEPS).toEqual(expect.arrayContaining(['seed-content', 'seed-enrolment']));
  });
});
