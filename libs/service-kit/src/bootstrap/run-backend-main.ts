import type { z } from 'zod';
import { loadConfig } from '@portail/config';
import { migrateDatabase } from '@portail/database';
import { createLogger } from '@portail/logging';
import { callerKeysFrom } from '../nats/caller-proof';
import { natsAuthOptions } from '../nats/nats-auth';
import { runDeadLettersCommand } from './dead-letters-command';
import { exitOnStartupError, runMain } from './run-main';
import {
  dataSourceOptionsOf,
  startBackendService,
  type BackendServiceConfig,
  type BackendServiceDefinition,
} from './start-backend-service';

/**
 * Entry point of a back-end service: `node main.js` runs it, `node main.js migrate` only
 * applies the migrations and exits (for a Kubernetes Job or init container), and
 * `node main.js dead-letters list|replay <id>` inspects or replays failed events.
 */
export function runBackendMain(
  definition: BackendServiceDefinition,
  schema: z.ZodType<BackendServiceConfig, unknown>,
  argv: string[] = process.argv.slice(2),
): void {
  let config: BackendServiceConfig;
  try {
    config = loadConfig(definition.name, schema);
  } catch (error) {
    exitOnStartupError(error);
  }
  const operatorCommand = definition.operatorCommands?.[argv[0]];
  if (argv[0] === 'dead-letters' || operatorCommand) {
    // An operator's command reaches the running replicas as the service itself.
    const nats = {
      url: config.NATS_URL,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      auth: natsAuthOptions(definition.name, config),
      signer: callerKeysFrom(definition.name, config)?.signer,
    };
    (operatorCommand
      ? operatorCommand(nats, argv.slice(1))
      : runDeadLettersCommand(definition.name, nats, argv.slice(1))
    )
      .then((code) => process.exit(code))
      .catch((error: unknown) => exitOnStartupError(error));
    return;
  }
  if (argv[0] === 'migrate') {
    const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL });
    migrateDatabase(dataSourceOptionsOf(definition, config))
      .then((applied) => {
        logger.info({ migrations: applied }, `Applied ${applied.length} migration(s)`);
        logger.flush(() => process.exit(0));
      })
      .catch((error: unknown) => exitOnStartupError(error));
    return;
  }
  runMain(
    () => startBackendService(definition, config),
    () => config.SHUTDOWN_TIMEOUT_MS,
  );
}
