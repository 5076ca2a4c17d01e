import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { LogCapture, TestSystem } from '@portail/testing';
import { seed } from '../../scripts/seed';
import { DEMO_NEWS, seedContent } from '../../scripts/seed-content';

describe('npm run seed: demo content', () => {
  const id = randomBytes(3).toString('hex');
  const identityDatabase = TestSystem.uniqueDatabaseName('seedid');
  const contentDatabase = TestSystem.uniqueDatabaseName('seedcontent');
  const identityDatabaseUrl = withDatabase(TestSystem.serverUrl(), identityDatabase);
  const contentDatabaseUrl = withDatabase(TestSystem.serverUrl(), contentDatabase);
  const stream = `PF_SEEDC_${id.toUpperCase()}`;
  const env = {
    NATS_URL: process.env.NATS_URL,
    EVENTS_STREAM: stream,
    EVENTS_SUBJECT_PREFIX: `pfseedc${id}.events`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };

  beforeAll(async () => {
    await ensureDatabase(TestSystem.serverUrl(), identityDatabase);
    await seed({
      databaseUrl: identityDatabaseUrl,
      adminEmail: 'admin@portail-famille.test',
      adminPassword: 'Admin-Portail-2025',
      agentPassword: 'Agent-Portail-2025',
      familyPassword: 'Famille-Portail-2025',
      env,
      logDestination: new LogCapture(),
    });
  });

  afterAll(async () => {
    await dropDatabase(TestSystem.serverUrl(), identityDatabase);
    await dropDatabase(TestSystem.serverUrl(), contentDatabase);
    const nats = await connect({ servers: process.env.NATS_URL });
    try {
      await (await nats.jetstreamManager()).streams.delete(stream).catch(() => false);
    } finally {
      await nats.close();
    }
  });

  it('writes the news and tiles of the specification; a second run changes nothing', async () => {
    const options = {
      contentDatabaseUrl,
      identityDatabaseUrl,
      adminEmail: 'admin@portail-famille.test',
      env,
      logDestination: new LogCapture(),
    };
    expect(await seedContent(options)).toEqual({ news: DEMO_NEWS.length, tiles: 2, files: 1 });
    expect(await seedContent(options)).toEqual({ news: 0, tiles: 0, files: 0 });

    const client = new Client({ connectionString: contentDatabaseUrl });
    await client.connect();
    try {
      const news = await client.query<{ title: string }>(
        "SELECT title FROM news_items WHERE status = 'published' ORDER BY title",
      );
      expect(news.rows.map((row) => row.title)).toEqual(
        DEMO_NEWS.map((item) => item.title).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      const tiles = await client.query<{ kind: string; blocks: { schools?: unknown[] } }>(
        'SELECT kind, blocks FROM tiles ORDER BY kind',
      );
      expect(tiles.rows.map((row) => row.kind)).toEqual(['activity', 'contact']);
      expect(tiles.rows[0].blocks.schools).toHaveLength(4);
      const file = await client.query<{ content_type: string }>(
        'SELECT content_type FROM content_files',
      );
      expect(file.rows).toEqual([{ content_type: 'application/pdf' }]);
    } finally {
      await client.end();
    }
  });
});
