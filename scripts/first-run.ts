/**
 * The first `npm start` on empty databases loads the demo data, so that a newcomer lands on a
 * usable portal (the specification's organisations, services, schools, procedures, invented
 * families). Never in production; `SEED_DEMO_DATA=false` turns it off; databases that already
 * hold an organisation are left alone.
 */
import { Client } from 'pg';

export type DemoDataDecision =
  { load: true } | { load: false; reason: 'production' | 'disabled' | 'not-empty' };

export async function demoDataDecision(
  env: NodeJS.ProcessEnv,
  identityDatabaseUrl: string,
): Promise<DemoDataDecision> {
  if (env.NODE_ENV?.trim() === 'production') return { load: false, reason: 'production' };
  if (['false', '0', 'no'].includes((env.SEED_DEMO_DATA ?? '').trim().toLowerCase())) {
    return { load: false, reason: 'disabled' };
  }
  return (await hasOrganisations(identityDatabaseUrl))
    ? { load: false, reason: 'not-empty' }
    : { load: true };
}

async function hasOrganisations(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Before identity's first migration the table does not exist: the database is empty.
    const [row] = (
      await client.query<{ exists: boolean }>(
        "SELECT to_regclass('public.organisations') IS NOT NULL AS exists",
      )
    ).rows;
    if (!row?.exists) return false;
    const result = await client.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM organisations) AS any',
    );
    return result.rows[0]?.any ?? false;
  } finally {
    await client.end();
  }
}

/** Waits until the gateway reports every service up (migrations applied), or the timeout. */
export async function waitUntilHealthy(apiBase: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${apiBase}/health`);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}
