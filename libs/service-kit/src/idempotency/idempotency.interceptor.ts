import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { MsgHdrs } from 'nats';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { CommonErrorCode, IDEMPOTENCY_KEY_HEADER, type ErrorEnvelope } from '@portail/contracts';
import { isUniqueViolation } from '@portail/database';
import { callerOf } from '../auth/current-caller.decorator';
import { DomainException } from '../errors/domain.exception';
import { runWithIdempotencyClaim, type IdempotencyClaim } from './idempotency-context';

/** Keys are kept this long: far longer than any client retries a command. */
const RETENTION_HOURS = 24;
const CLEAN_EVERY_MS = 10 * 60 * 1000;

/** The first outcome: the reply, or the error of a handler that failed after committing. */
type Outcome = { reply: unknown } | { error: ErrorEnvelope };

interface StoredKey {
  request_hash: string;
  outcome: Outcome | null;
}

/**
 * Idempotency-Key semantics (IETF draft "The Idempotency-Key HTTP Header Field") for every
 * command of a service: the key is stored with the effect in the same transaction (see
 * IdempotencyKeySubscriber), the first reply beside it. A retry with the same key and payload
 * gets that reply and does nothing; the same key with another payload is refused (422); a
 * retry while the first is still running, or whose reply was lost in a crash, gets 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private lastCleaning = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    // NatsContext types its headers loosely; they are nats.js MsgHdrs.
    const key = (nats.getHeaders() as MsgHdrs | undefined)?.get(IDEMPOTENCY_KEY_HEADER);
    if (!key) return next.handle();
    const caller = callerOf(context);
    const claim: IdempotencyClaim = {
      scope: `${nats.getSubject()} ${caller?.accountId ?? 'anonymous'}`,
      key,
      requestHash: createHash('sha256')
        .update(JSON.stringify(context.switchToRpc().getData() ?? null))
        .digest('base64url'),
      claimed: false,
    };
    return from(this.handle(claim, next));
  }

  private async handle(claim: IdempotencyClaim, next: CallHandler): Promise<unknown> {
    const previous = await this.find(claim);
    if (previous) return this.replay(claim, previous);
    let reply: unknown;
    try {
      reply = await runWithIdempotencyClaim(claim, () => lastValueFrom(next.handle()));
    } catch (error) {
      // A concurrent request with the same key committed first: this one's effect rolled back.
      if (isUniqueViolation(error, 'idempotency_keys_pkey')) {
        const winner = await this.find(claim);
        if (winner) return this.replay(claim, winner);
      }
      if (claim.claimed && error instanceof DomainException) {
        await this.store(claim, { error: error.envelope });
      }
      throw error;
    }
    if (claim.claimed) await this.store(claim, { reply: reply ?? null });
    this.cleanOldKeys();
    return reply;
  }

  private async store(claim: IdempotencyClaim, outcome: Outcome): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET outcome = $3 WHERE scope = $1 AND key = $2',
      [claim.scope, claim.key, JSON.stringify(outcome)],
    );
  }

  private async find(claim: IdempotencyClaim): Promise<StoredKey | undefined> {
    const rows: StoredKey[] = await this.dataSource.query(
      'SELECT request_hash, outcome FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [claim.scope, claim.key],
    );
    return rows[0];
  }

  private replay(claim: IdempotencyClaim, stored: StoredKey): unknown {
    if (stored.request_hash !== claim.requestHash) {
      throw new DomainException(
        CommonErrorCode.IDEMPOTENCY_KEY_REUSED,
        "Cette clé d'idempotence a déjà servi pour une autre requête. Utilisez une nouvelle clé.",
      );
    }
    if (stored.outcome === null) {
      throw new DomainException(
        CommonErrorCode.IDEMPOTENCY_KEY_IN_USE,
        "Une requête avec la même clé d'idempotence est en cours de traitement. Réessayez dans quelques instants.",
      );
    }
    if ('error' in stored.outcome) {
      const { code, message, details } = stored.outcome.error;
      throw new DomainException(code, message, details);
    }
    return stored.outcome.reply;
  }

  /** Idempotent and cheap, so every replica may run it; at most every ten minutes each. */
  private cleanOldKeys(): void {
    const now = Date.now();
    if (now - this.lastCleaning < CLEAN_EVERY_MS) return;
    this.lastCleaning = now;
    this.dataSource
      .query(
        `DELETE FROM idempotency_keys WHERE created_at < now() - interval '${RETENTION_HOURS} hours'`,
      )
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Cleaning old keys failed'));
  }
}
