import { Inject, Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { CommonErrorCode, type EventEnvelope } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { EventConsumer, type ApplyOutcome } from '../consumer/event-consumer';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.tokens';

export interface DeadLetterView {
  id: string;
  eventId: string;
  type: string;
  error: string;
  attempts: number;
  failedAt: string;
  replayedAt: string | null;
  envelope: EventEnvelope;
}

interface DeadLetterRow {
  id: string;
  event_id: string;
  type: string;
  error: string;
  attempts: number;
  failed_at: Date;
  replayed_at: Date | null;
  envelope: EventEnvelope;
}

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    error: row.error,
    attempts: row.attempts,
    failedAt: row.failed_at.toISOString(),
    replayedAt: row.replayed_at ? row.replayed_at.toISOString() : null,
    envelope: row.envelope,
  };
}

/** What an operator does with events a consumer gave up on: list them, replay one after a fix. */
@Injectable()
export class DeadLettersService {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly consumer: EventConsumer,
  ) {}

  async list(includeReplayed = false): Promise<DeadLetterView[]> {
    const rows = await this.dataSource.query<DeadLetterRow[]>(
      `SELECT * FROM dead_letters WHERE consumer = $1 AND ($2 OR replayed_at IS NULL) ORDER BY failed_at LIMIT 500`,
      [this.options.service, includeReplayed],
    );
    return rows.map(toView);
  }

  /** Applies the event again through the inbox (so at most once in all), then marks it replayed. */
  async replay(id: string): Promise<{ id: string; outcome: ApplyOutcome }> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
      throw new RpcException({
        code: CommonErrorCode.VALIDATION_FAILED,
        message: "L'identifiant de la lettre morte doit être un UUID.",
        details: {
          fields: [{ field: 'id', message: "L'identifiant de la lettre morte doit être un UUID." }],
        },
      });
    }
    const [row] = await this.dataSource.query<DeadLetterRow[]>(
      'SELECT * FROM dead_letters WHERE id = $1 AND consumer = $2',
      [id, this.options.service],
    );
    if (!row) {
      throw new RpcException({
        code: CommonErrorCode.NOT_FOUND,
        message: "Cette lettre morte n'existe pas.",
        details: { id },
      });
    }
    const handler = this.consumer.handlerOf(row.type);
    if (!handler) {
      throw new RpcException({
        code: CommonErrorCode.CONFLICT,
        message: `Aucun gestionnaire pour les événements ${row.type} dans ce service.`,
        details: { id, type: row.type },
      });
    }
    const outcome = await this.consumer.apply(row.envelope, handler);
    await this.dataSource.query('UPDATE dead_letters SET replayed_at = now() WHERE id = $1', [id]);
    this.logger.info({ deadLetterId: id, eventId: row.event_id, outcome }, 'Dead letter replayed');
    return { id, outcome };
  }
}
