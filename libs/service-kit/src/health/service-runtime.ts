import { Events, type NatsConnection } from 'nats';
import type { Logger } from '@portail/logging';

export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');

/**
 * What a replica knows about itself at run time: its name, when it started, its NATS
 * connection once attached, and whether it is stopping (readiness turns down at once so
 * that Kubernetes stops routing to it while in-flight work finishes).
 */
export class ServiceRuntime {
  readonly startedAt = Date.now();
  private connection: (() => NatsConnection | undefined) | undefined;
  private stopping = false;
  /** Set while the NATS client is disconnected and trying to reconnect. */
  private natsLinkDown = false;

  constructor(
    readonly service: string,
    readonly version: string,
  ) {}

  attachNats(connection: () => NatsConnection | undefined): void {
    this.connection = connection;
  }

  /**
   * Follows the connection's status: while it is down, readiness is down and callers answer
   * 503 at once instead of waiting for a timeout. Logged once when it goes and once when it is back.
   */
  watchNats(connection: NatsConnection, logger: Logger): void {
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === Events.Disconnect && !this.natsLinkDown) {
          this.natsLinkDown = true;
          logger.warn(
            { server: status.data },
            'NATS connection lost; answering 503 until it is back',
          );
        } else if (status.type === Events.Reconnect && this.natsLinkDown) {
          this.natsLinkDown = false;
          logger.info({ server: status.data }, 'NATS connection back');
        }
      }
    })().catch((error: unknown) => logger.error({ err: error }, 'Watching NATS failed'));
  }

  markStopping(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  natsConnection(): NatsConnection | undefined {
    return this.connection?.();
  }

  natsState(): 'connected' | 'disconnected' | 'not-started' {
    const connection = this.connection?.();
    if (!connection) return 'not-started';
    return connection.isClosed() || connection.isDraining() || this.natsLinkDown
      ? 'disconnected'
      : 'connected';
  }

  uptimeSeconds(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }
}
