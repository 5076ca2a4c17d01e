import { randomBytes } from 'node:crypto';
import { resolveInfrastructure } from './infrastructure';
import { explainMissingPrerequisites, missingTestPrerequisites } from './prerequisites';

/** Jest global setup: finds or starts PostgreSQL and NATS once for the whole run. */
export default async function globalSetup(): Promise<void> {
  // `npx jest` alone explains missing servers as `npm test` does, in one paragraph; Chromium is
  // checked by `npm test` only, so that one spec runs on a machine without it.
  const missing = await missingTestPrerequisites(process.env, { chromium: false });
  if (missing.length > 0) throw new Error(explainMissingPrerequisites(missing));
  const infrastructure = await resolveInfrastructure();
  process.env.DATABASE_URL = infrastructure.databaseUrl;
  process.env.NATS_URL = infrastructure.natsUrl;
  process.env.PORTAIL_TEST_RUN_ID = `pf_t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  (globalThis as { __portailInfrastructure?: typeof infrastructure }).__portailInfrastructure =
    infrastructure;
}
