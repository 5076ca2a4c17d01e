import { DataSource, type DataSourceOptions } from 'typeorm';

/** Arbitrary key of the advisory lock that serialises migrations of one database. */
const MIGRATION_LOCK_KEY = 7_412_903;

/**
 * Applies pending migrations and returns the names applied (empty on a second run). Replicas
 * starting together (or init containers) take turns on an advisory lock instead of racing.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

/** Standalone runner, for `main.js migrate` (a Kubernetes Job or init container). */
export async function migrateDatabase(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource({ ...options, poolSize: 2 } as DataSourceOptions);
  await dataSource.initialize();
  try {
    return await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** How many migrations this database has recorded. */
export async function countAppliedMigrations(dataSource: DataSource): Promise<number> {
  const rows: Array<{ count: string }> = await dataSource.query(
    'SELECT count(*)::text AS count FROM migrations',
  );
  return Number(rows[0]?.count ?? 0);
}
