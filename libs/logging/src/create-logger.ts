import pino, {
  type Bindings,
  type ChildLoggerOptions,
  type DestinationStream,
  type Logger,
} from 'pino';
import { currentCorrelationId } from './correlation';
import { redactLogObject, scrubString, serializeError } from './redact';

export interface LoggerOptions {
  service: string;
  level: string;
  /** Where lines go; stdout by default. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** pino JSON logger whose every line carries the service name and the current correlation id. */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Secrets and personal values are taken out at any depth of what is logged (see redact.ts),
      // of child loggers' bindings and of the message itself.
      formatters: {
        level: (label) => ({ level: label }),
        bindings: redactLogObject,
        log: redactLogObject,
      },
      serializers: {
        err: serializeError,
        msg: (msg: unknown) => (typeof msg === 'string' ? scrubString(msg) : msg),
      },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
  // pino runs `formatters.bindings` on the root's bindings only: children (inheriting this
  // method) pass theirs through the same walk.
  const child = logger.child;
  Object.defineProperty(logger, 'child', {
    value: function (this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions) {
      return Reflect.apply(child, this, [redactLogObject(bindings), childOptions]) as Logger;
    },
  });
  return logger;
}

/** Injection token of the service's own pino logger. */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
