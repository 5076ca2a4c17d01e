import type { NatsConnection } from 'nats';

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

  constructor(
    readonly service: string,
    readonly version: string,
  ) {}

  attachNats(connection: () => NatsConnection | undefined): void {
    this.connection = connection;
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
    return connection.isClosed() || connection.isDraining() ? 'disconnected' : 'connected';
  }

  uptimeSeconds(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }
}
