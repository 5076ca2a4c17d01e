import { DataSource, type DataSourceOptions } from 'typeorm';

/** Applies pending migrations and returns the names applied (empty on a second run). */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Standalone runner, for `main.js migrate` (a Kubernetes Job or init container). */
export async function migrateDatabase(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource(options);
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
