import { spawnService, type TestSystem } from '@portail/testing';
import { backends, startSystem } from '../support/services';

/** `main.js dead-letters …` as an operator runs it in a service's container. */
describe('the dead-letters command', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  const run = async (...args: string[]) => {
    const child = spawnService(
      'identity',
      {
        NATS_URL: system.env.NATS_URL,
        NATS_SUBJECT_PREFIX: system.env.NATS_SUBJECT_PREFIX,
        DATABASE_URL: system.databaseUrlOf('identity'),
        // The command signs as identity: dead-letter subjects answer only the service's own key.
        ...system.callerEnvOf('identity'),
      },
      ['dead-letters', ...args],
    );
    const code = await child.exited;
    return { code, stdout: child.stdout(), stderr: child.stderr() };
  };

  it('lists the dead letters of the running service', async () => {
    const result = await run('list');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('says what is wrong with a replay of a malformed id', async () => {
    const result = await run('replay', 'not-an-id');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^VALIDATION_FAILED: L'identifiant de la lettre morte doit être un UUID\./,
    );
  });

  it('says a dead letter that does not exist is not found', async () => {
    const result = await run('replay', '0195a8e0-0000-7000-8000-000000000000');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^NOT_FOUND:/);
  });

  it('prints its usage for an unknown action', async () => {
    const result = await run('purge');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: main.js dead-letters list/);
  });

  it('says so when no replica of the service runs', async () => {
    await system.stopService('identity');
    try {
      const result = await run('list');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/No identity replica is running/);
    } finally {
      await system.startBackend(backends.identity);
    }
  });
});
