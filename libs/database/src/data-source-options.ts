import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDataSourceInput {
  service: string;
  url: string;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as above
  migrations: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as above
  subscribers?: MixedList<Function | string>;
}

/**
 * Options shared by every service's data source: never `synchronize`, migrations in one
 * transaction each, pool size from config, and the service name visible in pg_stat_activity.
 */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    applicationName: `portail-${input.service}`,
    entities: input.entities,
    migrations: input.migrations,
    subscribers: input.subscribers ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    poolSize: input.poolSize,
    connectTimeoutMS: 5000,
  };
}
