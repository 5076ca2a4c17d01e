/** PostgreSQL's unique_violation (SQLSTATE 23505), optionally on one constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // TypeORM wraps the pg error as `driverError`; raw pg queries throw it as it is.
  const wrapped = (error as { driverError?: unknown }).driverError;
  const pg = (wrapped ?? error) as { code?: unknown; constraint?: unknown };
  return pg.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
