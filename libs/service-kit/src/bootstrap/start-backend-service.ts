import type { OperatorNatsAccess } from './dead-letters-command';
import {
  Global,
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type ModuleMetadata,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import type { NatsConnection } from 'nats';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { BackendEnv } from '@portail/config';
import type { BackendServiceName } from '@portail/contracts';
import { runPendingMigrations, serviceDataSourceOptions } from '@portail/database';
import {
  createLogger,
  PinoNestLogger,
  SERVICE_LOGGER,
  type DestinationStream,
  type Logger,
} from '@portail/logging';
import { CreateMessagingTables1764190000000, MessagingModule } from '@portail/messaging';
import { RpcExceptionFilter } from '../errors/rpc-exception.filter';
import { rpcValidationPipe } from '../errors/rpc-validation.pipe';
import { createHealthMessageController } from '../health/health-message.controller';
import { NatsHealthIndicator } from '../health/nats.health-indicator';
import {
  ProbeController,
  READINESS_CHECKS,
  databaseReadinessChecks,
} from '../health/probe.controller';
import { SERVICE_RUNTIME, ServiceRuntime } from '../health/service-runtime';
import { GracefulNatsServer } from '../nats/graceful-nats.server';
import { ServiceRequester } from '../nats/service-requester';
import { CALLER_SIGNER, callerKeysFrom, type CallerKeys } from '../nats/caller-proof';
import { natsAuthOptions } from '../nats/nats-auth';
import {
  CreateIdempotencyKeys1796450000000,
  IdempotencyInterceptor,
  IdempotencyKeySubscriber,
} from '../idempotency';
import { SERVICE_CONFIG } from './service-config';
import { PACKAGE_VERSION } from './package-version';

/** What a back-end service declares about itself; main.ts and the test harness both boot from it. */
export interface BackendServiceDefinition {
  /** A back-end service of DESIGN.md; tests also boot services of their own. */
  name: BackendServiceName | (string & {});
  imports: NonNullable<ModuleMetadata['imports']>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity classes as Function
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes migration classes as Function
  migrations: Function[];
  /**
   * The service's operator commands besides `dead-letters` and `migrate` (`main.js <name> …`):
   * each talks to a running replica over NATS as the service itself; answers the exit code.
   */
  operatorCommands?: Record<string, (nats: OperatorNatsAccess, args: string[]) => Promise<number>>;
}

export type BackendServiceConfig = BackendEnv & { HTTP_PORT: number };

export interface StartOptions {
  /** Where log lines go (stdout by default); tests capture them. */
  logDestination?: DestinationStream;
  httpHost?: string;
}

export interface RunningService {
  name: string;
  app: NestFastifyApplication;
  logger: Logger;
  runtime: ServiceRuntime;
  httpUrl: string;
  /** Stops taking work, lets in-flight requests finish (bounded), closes NATS and the pool. */
  stop(): Promise<void>;
}

export function dataSourceOptionsOf(
  definition: BackendServiceDefinition,
  config: BackendServiceConfig,
): DataSourceOptions {
  return serviceDataSourceOptions({
    service: definition.name,
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    entities: definition.entities,
    migrations: allMigrationsOf(definition),
    subscribers: [IdempotencyKeySubscriber],
  });
}

/** The service's own migrations plus the shared tables every service database holds (events backbone, idempotency keys). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes migration classes as Function
export function allMigrationsOf(definition: BackendServiceDefinition): Function[] {
  return [
    CreateMessagingTables1764190000000,
    CreateIdempotencyKeys1796450000000,
    ...definition.migrations,
  ];
}

@Global()
@Module({})
class BackendRootModule {}

function rootModule(
  definition: BackendServiceDefinition,
  config: BackendServiceConfig,
  runtime: ServiceRuntime,
  logger: Logger,
  keys: CallerKeys | undefined,
): DynamicModule {
  return {
    module: BackendRootModule,
    imports: [
      TypeOrmModule.forRoot(dataSourceOptionsOf(definition, config)),
      TerminusModule.forRoot({ logger: false }),
      MessagingModule.forService({
        service: definition.name,
        natsUrl: config.NATS_URL,
        natsAuth: natsAuthOptions(definition.name, config),
        databaseUrl: config.DATABASE_URL,
        events: config,
        shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      }),
      ...definition.imports,
    ],
    controllers: [ProbeController, createHealthMessageController(definition.name)],
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: SERVICE_RUNTIME, useValue: runtime },
      { provide: SERVICE_LOGGER, useValue: logger },
      { provide: CALLER_SIGNER, useFactory: () => keys?.signer },
      ServiceRequester,
      IdempotencyInterceptor,
      NatsHealthIndicator,
      {
        provide: READINESS_CHECKS,
        useFactory: databaseReadinessChecks,
        inject: [TypeOrmHealthIndicator],
      },
    ],
    exports: [SERVICE_CONFIG, SERVICE_RUNTIME, SERVICE_LOGGER, CALLER_SIGNER, ServiceRequester],
  };
}

/**
 * The service's modules and database, migrated, without NATS handlers or HTTP: for one-off
 * scripts (e.g. `npm run seed`) that call the service's own use cases. Close it when done.
 */
export async function createBackendContext(
  definition: BackendServiceDefinition,
  config: BackendServiceConfig,
  options: Pick<StartOptions, 'logDestination'> = {},
): Promise<INestApplicationContext> {
  const logger = createLogger({
    service: definition.name,
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });
  const runtime = new ServiceRuntime(definition.name, PACKAGE_VERSION);
  const context = await NestFactory.createApplicationContext(
    rootModule(definition, config, runtime, logger, callerKeysFrom(definition.name, config)),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  try {
    await runPendingMigrations(context.get(DataSource));
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
  return context;
}

/**
 * Boots one back-end service: HTTP probes on its port, migrations when enabled, then the
 * NATS subscriptions in the service's queue group (only once the schema is ready).
 */
export async function startBackendService(
  definition: BackendServiceDefinition,
  config: BackendServiceConfig,
  options: StartOptions = {},
): Promise<RunningService> {
  const logger = createLogger({
    service: definition.name,
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });
  const runtime = new ServiceRuntime(definition.name, PACKAGE_VERSION);
  const keys = callerKeysFrom(definition.name, config);
  if (!keys) {
    logger.warn(
      'Callers are not verified (development only): set CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS',
    );
  }
  // Under `npm start` the launcher says it once for all services.
  const natsAuth = natsAuthOptions(
    definition.name,
    config,
    process.env.PORTAIL_PARENT_PID ? undefined : logger,
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule(definition, config, runtime, logger, keys),
    new FastifyAdapter({ logger: false }),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  try {
    if (config.RUN_MIGRATIONS) {
      const applied = await runPendingMigrations(app.get(DataSource));
      if (applied.length)
        logger.info({ migrations: applied }, `Applied ${applied.length} migration(s)`);
    }
    const nats = new GracefulNatsServer(
      {
        servers: config.NATS_URL.split(','),
        queue: definition.name,
        subjectPrefix: config.NATS_SUBJECT_PREFIX,
        // nats.js gives up after 10 attempts by default, and Nest would never reconnect: a NATS
        // outage of over ~20 s would leave the replica deaf for good.
        maxReconnectAttempts: -1,
        name: `${definition.name}@${hostname()}`,
        ...natsAuth,
      },
      config.SHUTDOWN_TIMEOUT_MS,
      logger,
      config.MAX_IN_FLIGHT_REQUESTS,
      config.MAX_QUEUED_REQUESTS,
      keys?.verifier,
    );
    // Deferred so that the filter and pipe are in place before the handlers are bound
    // (Nest binds them at connectMicroservice otherwise, and ignores later global enhancers).
    const microservice = app.connectMicroservice(
      { strategy: nats },
      { inheritAppConfig: false, deferInitialization: true },
    );
    microservice.useGlobalFilters(new RpcExceptionFilter());
    microservice.useGlobalPipes(rpcValidationPipe());
    microservice.useGlobalInterceptors(app.get(IdempotencyInterceptor));
    // The app has already run the lifecycle hooks; bind the listeners only (what Nest does when not deferred).
    const hybrid = microservice as unknown as {
      registerListeners(): void;
      setIsInitialized(value: boolean): void;
      setIsInitHookCalled(value: boolean): void;
    };
    hybrid.registerListeners();
    hybrid.setIsInitialized(true);
    hybrid.setIsInitHookCalled(true);
    runtime.attachNats(() => {
      try {
        return nats.unwrap();
      } catch {
        return undefined;
      }
    });
    await app.startAllMicroservices();
    runtime.watchNats(nats.unwrap<NatsConnection>(), logger);
    await app.listen({ port: config.HTTP_PORT, host: options.httpHost ?? '0.0.0.0' });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  logger.info({ port }, `${definition.name} ready`);
  let stopping: Promise<void> | undefined;
  return {
    name: definition.name,
    app,
    logger,
    runtime,
    httpUrl: `http://127.0.0.1:${port}`,
    stop: () => {
      stopping ??= (async () => {
        runtime.markStopping();
        await app.close();
        logger.info(`${definition.name} stopped`);
      })();
      return stopping;
    },
  };
}
