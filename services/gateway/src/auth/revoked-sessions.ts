import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ConsumerMessages, NatsConnection } from 'nats';
import { eventSubject, type EventEnvelope } from '@portail/contracts';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { NATS_CONNECTION } from '../nats/nats-connection';

const REVOKED = 'identity.account.sessions-revoked';
const RETRY_MS = 1000;

/**
 * Sessions that ended (account closed, password reset or changed, agent deactivated) within
 * the last REVOCATION_WINDOW_S: an access token of such a session (its `sid` claim) is refused
 * at once, not at its expiry. Each gateway replica follows
 * `identity.account.sessions-revoked` on JetStream from the start of the window (an ordered,
 * ephemeral consumer: nothing to set up, and a restarted replica rebuilds the list).
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RevokedSessions.name);
  /** Session id → when it was revoked (epoch ms), to forget it once its tokens expired. */
  private readonly revoked = new Map<string, number>();
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.follow();
    this.sweeper = setInterval(() => this.forgetExpired(), 60_000);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.messages?.close();
  }

  /** True when the token's session ended. */
  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  private async follow(): Promise<void> {
    let warned = false;
    while (!this.stopped) {
      try {
        const since = Date.now() - this.config.REVOCATION_WINDOW_S * 1000;
        const consumer = await this.nats.jetstream().consumers.get(this.config.EVENTS_STREAM, {
          filterSubjects: eventSubject(this.config.EVENTS_SUBJECT_PREFIX, REVOKED),
          // nats.js sets the matching deliver policy itself; naming it too stalls consume().
          opt_start_time: new Date(since).toISOString(),
        });
        this.messages = await consumer.consume();
        if (warned) this.logger.log('Following revoked sessions again');
        warned = false;
        for await (const message of this.messages) this.remember(message.json());
      } catch (error) {
        // The stream appears when the first back-end service starts; NATS may be down.
        if (!warned && !this.stopped) {
          this.logger.warn(`Cannot follow revoked sessions yet (${String(error)}); retrying`);
          warned = true;
        }
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  private remember(envelope: EventEnvelope<typeof REVOKED>): void {
    const revokedAt = Date.parse(envelope.payload.revokedAt);
    if (!Array.isArray(envelope.payload.sessionIds) || Number.isNaN(revokedAt)) return;
    for (const sessionId of envelope.payload.sessionIds) this.revoked.set(sessionId, revokedAt);
  }

  /** Past the window every token of a revoked session has expired anyway. */
  private forgetExpired(): void {
    const limit = Date.now() - this.config.REVOCATION_WINDOW_S * 1000;
    for (const [sessionId, revokedAt] of this.revoked) {
      if (revokedAt < limit) this.revoked.delete(sessionId);
    }
  }
}
