import { Client } from 'pg';
import type { TestSystem } from '@portail/testing';
import { TestSystem as System } from '@portail/testing';
import { allMigrationsOf } from '@portail/service-kit';
import { backends } from '../support/services';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('migrations at start-up', () => {
  let system: TestSystem;

  afterAll(async () => {
    await system?.close();
  });

  it('run on an empty database, then change nothing on a second start', async () => {
    system = await System.start({ backends: [backends.identity] });
    const url = system.databaseUrlOf('identity');
    const expected = allMigrationsOf(backends.identity.definition).length;
    const first = await query<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id');
    expect(first).toHaveLength(expected);
    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['migrations', 'organisations']),
    );
    expect(
      system.logs.lines.some(
        (line) => line.service === 'identity' && /Applied \d+ migration/.test(line.msg ?? ''),
      ),
    ).toBe(true);

    await system.stopService('identity');
    const linesBefore = system.logs.lines.length;
    await system.startBackend(backends.identity);
    const second = await query<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id');
    expect(second).toEqual(first);
    const newLines = system.logs.lines.slice(linesBefore);
    expect(newLines.some((line) => /Applied \d+ migration/.test(line.msg ?? ''))).toBe(false);
    expect(newLines.some((line) => line.msg === 'identity ready')).toBe(true);
    await system.close();
  });

  it('are skipped when RUN_MIGRATIONS is false (a Kubernetes Job runs them instead)', async () => {
    const withoutMigrations = await System.start({
      backends: [backends.identity],
      env: { RUN_MIGRATIONS: 'false' },
    });
    try {
      const tables = await query<{ tablename: string }>(
        withoutMigrations.databaseUrlOf('identity'),
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
      );
      expect(tables.map((t) => t.tablename)).not.toContain('organisations');
    } finally {
      await withoutMigrations.close();
    }
  });
});
