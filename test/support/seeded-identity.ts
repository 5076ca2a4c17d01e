/**
 * For the specs of the later `npm run seed` steps: identity's demo data in a database of its
 * own, the step's own database, and an events stream and prefix of their own, all removed in
 * `drop()`.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { LogCapture, TestSystem } from '@portail/testing';
import { seed } from '../../scripts/seed';

export const SEEDED_ADMIN_EMAIL = 'admin@portail-famille.test';

export interface SeededIdentity {
  identityDatabaseUrl: string;
  /** The database of the step under test (created by the step itself). */
  stepDatabaseUrl: string;
  env: Record<string, string | undefined>;
  /** Runs identity's seed. */
  seed(): Promise<void>;
  drop(): Promise<void>;
}

export function seededIdentity(step: string): SeededIdentity {
  const id = randomBytes(3).toString('hex');
  const identityDatabase = TestSystem.uniqueDatabaseName('seedid');
  const stepDatabase = TestSystem.uniqueDatabaseName(`seed${step}`);
  const stream = `PF_SEED_${step.toUpperCase()}_${id.toUpperCase()}`;
  const env = {
    NATS_URL: process.env.NATS_URL,
    EVENTS_STREAM: stream,
    EVENTS_SUBJECT_PREFIX: `pfseed${step}${id}.events`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  const identityDatabaseUrl = withDatabase(TestSystem.serverUrl(), identityDatabase);
  return {
    identityDatabaseUrl,
    stepDatabaseUrl: withDatabase(TestSystem.serverUrl(), stepDatabase),
    env,
    async seed() {
      await ensureDatabase(TestSystem.serverUrl(), identityDatabase);
      await seed({
        databaseUrl: identityDatabaseUrl,
        adminEmail: SEEDED_ADMIN_EMAIL,
        adminPassword: 'Admin-Portail-2025',
        agentPassword: 'Agent-Portail-2025',
        familyPassword: 'Famille-Portail-2025',
        env,
        logDestination: new LogCapture(),
      });
    },
    async drop() {
      await dropDatabase(TestSystem.serverUrl(), identityDatabase);
      await dropDatabase(TestSystem.serverUrl(), stepDatabase);
      const nats = await connect({ servers: process.env.NATS_URL });
      try {
        await (await nats.jetstreamManager()).streams.delete(stream).catch(() => false);
      } finally {
        await nats.close();
      }
    },
  };
}
