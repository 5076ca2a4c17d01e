/**
 * Errors that mean "PostgreSQL cannot be reached or is restarting", as opposed to a query
 * that is wrong: refused or cut connections, the server shutting down or starting up, a
 * database closed to connections. Callers answer 503 SERVICE_UNAVAILABLE for these.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** SQLSTATE: class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now). */
const SQLSTATE = /^(08\d{3}|57P0[1-3])$/;
const MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'is not currently accepting connections',
  'the database system is starting up',
  'the database system is shutting down',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let candidate = error, depth = 0; candidate && depth < 3; depth += 1) {
    if (typeof candidate !== 'object') return false;
    const { code, message, driverError } = candidate as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
    };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((text) => message.includes(text))) return true;
    candidate = driverError;
  }
  return false;
}
