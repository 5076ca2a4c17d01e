import { ConfigError } from '@portail/config';
import type { Logger } from '@portail/logging';

interface Stoppable {
  logger: Logger;
  stop(): Promise<void>;
}

function flush(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/**
 * The process around a service: a configuration error is one line on stderr and exit 1;
 * SIGTERM or SIGINT stops the service gracefully, and the process exits 0 when it is done,
 * or 1 if it took longer than the shutdown bound.
 */
export function runMain(start: () => Promise<Stoppable>, shutdownTimeoutMs: () => number): void {
  start()
    .then((service) => {
      const onSignal = (signal: NodeJS.Signals) => {
        service.logger.info({ signal }, 'Stopping');
        const bound = shutdownTimeoutMs() + 2000;
        setTimeout(() => {
          service.logger.error(`Shutdown took more than ${bound} ms; exiting`);
          void flush(service.logger).finally(() => process.exit(1));
        }, bound).unref();
        service
          .stop()
          .then(() => flush(service.logger))
          .then(() => process.exit(0))
          .catch((error: unknown) => {
            service.logger.error({ err: error }, 'Shutdown failed');
            void flush(service.logger).finally(() => process.exit(1));
          });
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      watchParent(service);
    })
    .catch((error: unknown) => {
      exitOnStartupError(error);
    });
}

export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`Start-up failed: ${message}\n`);
  }
  process.exit(1);
}

/**
 * Under `npm start` the launcher pipes our output. If it dies without stopping us (kill -9),
 * every log write fails with EPIPE and pino's final flush would retry forever: stop, then
 * end the process without flushing into the broken pipe.
 */
function watchParent(service: Stoppable): void {
  const parent = Number(process.env.PORTAIL_PARENT_PID);
  if (!parent) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    void service
      .stop()
      .catch(() => undefined)
      .finally(() => process.kill(process.pid, 'SIGKILL'));
  }, 1000);
  timer.unref();
}
