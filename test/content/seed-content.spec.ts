import { Client } from 'pg';
import { LogCapture } from '@portail/testing';
import { seededIdentity } from '../support/seeded-identity';
import { DEMO_NEWS, seedContent } from '../../scripts/seed-content';

describe('npm run seed: demo content', () => {
  const fixture = seededIdentity('content');
  const { identityDatabaseUrl, env } = fixture;
  const contentDatabaseUrl = fixture.stepDatabaseUrl;

  beforeAll(() => fixture.seed());

  afterAll(() => fixture.drop());

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
