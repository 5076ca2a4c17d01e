import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

export interface LoggerOptions {
  service: string;
  level: string;
  /** Where lines go; stdout by default. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** Field names whose values never reach a log line. */
const REDACTED_PATHS = [
  'password',
  'newPassword',
  'token',
  'refreshToken',
  'accessToken',
  'authorization',
  '*.password',
  '*.token',
  '*.refreshToken',
  '*.accessToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
];

/** pino JSON logger whose every line carries the service name and the current correlation id. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

/** Injection token of the service's own pino logger. */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
