import { dropDatabase, listDatabases } from '../../database/src';
import type { Infrastructure } from './infrastructure';

/** Drops any database of this run that a failed suite left behind, then stops containers. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.PORTAIL_TEST_RUN_ID;
  const databaseUrl = process.env.DATABASE_URL;
  if (runId && databaseUrl) {
    const leftovers = await listDatabases(databaseUrl, runId);
    for (const name of leftovers) await dropDatabase(databaseUrl, name);
  }
  const infrastructure = (globalThis as { __portailInfrastructure?: Infrastructure })
    .__portailInfrastructure;
  await infrastructure?.stop?.();
}
