import type { INestApplicationContext } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig } from '@portail/config';
import { ensureDatabase } from '@portail/database';
import type { DestinationStream } from '@portail/logging';
import {
  createBackendContext,
  type BackendServiceConfig,
  type BackendServiceDefinition,
} from '@portail/service-kit';

/**
 * A back-end service's modules booted over its database (created and migrated if need be), for
 * a seed step to call its use cases. The running service publishes what the seed records; the
 * seed only writes (no relay, no consumer, no HTTP port).
 */
export async function bootSeedService(
  definition: BackendServiceDefinition,
  schema: z.ZodType<BackendServiceConfig, unknown>,
  options: { databaseUrl: string; env?: NodeJS.ProcessEnv; logDestination?: DestinationStream },
): Promise<INestApplicationContext> {
  const config = loadConfig(definition.name, schema, {
    ...(options.env ?? process.env),
    DATABASE_URL: options.databaseUrl,
    HTTP_PORT: '0',
    EVENTS_RELAY_ENABLED: 'false',
    EVENTS_CONSUMER_ENABLED: 'false',
    RUN_MIGRATIONS: 'true',
  });
  await ensureDatabase(options.databaseUrl, new URL(options.databaseUrl).pathname.slice(1));
  return createBackendContext(definition, config, { logDestination: options.logDestination });
}
