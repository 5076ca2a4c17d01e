import { explainMissingPrerequisites, missingTestPrerequisites } from './prerequisites';

describe('test prerequisites', () => {
  it('names each missing piece and what to install, in one paragraph', async () => {
    const missing = await missingTestPrerequisites(
      {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
        NATS_URL: 'nats://127.0.0.1:1',
        CHROMIUM_PATH: '/nonexistent/chromium',
      },
      { dockerSocket: '/nonexistent/docker.sock' },
    );
    expect(missing).toHaveLength(3);
    const paragraph = explainMissingPrerequisites(missing);
    expect(paragraph).toContain('PostgreSQL does not answer at 127.0.0.1:1');
    expect(paragraph).toContain('nats-server with JetStream');
    expect(paragraph).toContain('apt-get install chromium');
    expect(paragraph.split('\n')).toHaveLength(1);
  });

  it('lets Docker stand in for PostgreSQL and NATS (testcontainers starts them)', async () => {
    const missing = await missingTestPrerequisites(
      {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
        NATS_URL: 'nats://127.0.0.1:1',
        DOCKER_HOST: 'unix:///var/run/docker.sock',
        CHROMIUM_PATH: '/nonexistent/chromium',
      },
      { dockerSocket: '/nonexistent/docker.sock' },
    );
    expect(missing).toEqual([expect.stringContaining('no Chromium at /nonexistent/chromium')]);
  });

  it('finds nothing missing on the machine running this suite', async () => {
    await expect(missingTestPrerequisites()).resolves.toEqual([]);
  });
});
