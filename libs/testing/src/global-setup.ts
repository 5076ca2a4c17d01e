import { randomBytes } from 'node:crypto';
import { resolveInfrastructure } from './infrastructure';

/** Jest global setup: finds or starts PostgreSQL and NATS once for the whole run. */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await resolveInfrastructure();
  process.env.DATABASE_URL = infrastructure.databaseUrl;
  process.env.NATS_URL = infrastructure.natsUrl;
  process.env.PORTAIL_TEST_RUN_ID = `pf_t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  (globalThis as { __portailInfrastructure?: typeof infrastructure }).__portailInfrastructure =
    infrastructure;
}
