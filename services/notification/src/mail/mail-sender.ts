import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { NotificationWaker } from '@portail/database';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { AccountErrorCode, AccountSubjects } from '@portail/contracts';
import { MessagingMetrics } from '@portail/messaging';
import { DomainException, SERVICE_CONFIG, ServiceRequester } from '@portail/service-kit';
import type { NotificationConfig } from '../config';
import { OUTGOING_MESSAGES_CHANNEL } from './mail-queue';
import { withLinkToken } from './mail-templates';
import { MailTransport, type OutgoingMail } from './mail-transport';

const BATCH_SIZE = 20;
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

interface DueRow extends OutgoingMail {
  attempts: number;
  link_id: string | null;
}

/** Identity's answer when a link can no longer be used: the message is cancelled, not retried. */
const LINK_GONE: string[] = [AccountErrorCode.TOKEN_INVALID, AccountErrorCode.TOKEN_EXPIRED];

/** Delay before attempt `attempts + 1`, after `attempts` failures: base, 2×base, 4×base… */
export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends due outgoing messages. Rows are locked `FOR UPDATE SKIP LOCKED` for the time of the
 * send, so two replicas never send the same message; a crash between the SMTP answer and
 * the commit can send one message again (SMTP offers nothing better). It wakes when a message
 * is queued (LISTEN on the channel that the queuing transaction notifies at commit) and polls
 * every MAIL_POLL_INTERVAL_MS as well: for retries that come due, and for a lost listener.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop: Promise<void> | undefined;
  private stopped = false;
  private readonly waker: NotificationWaker;
  private readonly sent: Counter;
  private readonly failed: Counter;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    private readonly services: ServiceRequester,
    metrics: MessagingMetrics,
  ) {
    this.waker = new NotificationWaker({
      databaseUrl: config.DATABASE_URL,
      channel: OUTGOING_MESSAGES_CHANNEL,
      applicationName: 'portail-notification-mail-sender',
      onListenFailure: (error) =>
        this.logger.warn({ err: error }, 'Mail sender cannot listen for new messages; polling'),
    });
    const registers = [metrics.registry];
    this.sent = new Counter({
      name: 'portail_emails_sent_total',
      help: 'E-mails handed to SMTP',
      registers,
    });
    this.failed = new Counter({
      name: 'portail_emails_failed_total',
      help: 'E-mails given up after SMTP_MAX_ATTEMPTS',
      registers,
    });
    const count = async (status: string): Promise<number> => {
      if (!dataSource.isInitialized) return 0;
      const rows: Array<{ count: string }> = await dataSource.query(
        'SELECT count(*)::text AS count FROM outgoing_messages WHERE status = $1',
        [status],
      );
      return Number(rows[0]?.count ?? 0);
    };
    new Gauge({
      name: 'portail_emails_pending',
      help: 'E-mails waiting to be sent (or retried)',
      registers,
      async collect() {
        this.set(await count('pending'));
      },
    });
    new Gauge({
      name: 'portail_emails_failed',
      help: 'E-mails in status failed, for an operator to look at',
      registers,
      async collect() {
        this.set(await count('failed'));
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.waker.ensureListening();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    await this.loop;
    await this.waker.stop();
  }

  /**
   * Sends up to a batch of due messages now; returns how many were attempted. Each message is
   * claimed, sent and marked in a transaction of its own, so a failed commit can resend only
   * that one message (SMTP cannot do better), never the rest of a batch.
   */
  async sendDue(): Promise<number> {
    let attempted = 0;
    while (attempted < BATCH_SIZE && !this.stopped) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const [row] = await manager.query<DueRow[]>(
          `SELECT id, recipient, template, subject, html, text, attempts, link_id FROM outgoing_messages
            WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!row) return 'none' as const;
        try {
          const mail = await this.withToken(row);
          if (!mail) {
            await manager.query(
              `UPDATE outgoing_messages SET status = 'cancelled', html = '', text = '' WHERE id = $1`,
              [row.id],
            );
            this.logger.info(
              { messageId: row.id, template: row.template },
              'E-mail cancelled: its single-use link was used or expired before it was sent',
            );
            return 'cancelled' as const;
          }
          await this.transport.send(mail);
        } catch (error) {
          await this.recordFailure(row, error, (sql, params) => manager.query(sql, params));
          return 'failed' as const;
        }
        await manager.query(
          // The body goes once delivered over SMTP: it may hold a single-use link and personal
          // data, and the mailbox has it now; recipient, subject and template stay as the record.
          // Without SMTP (development) the database is where the message is read: it stays.
          `UPDATE outgoing_messages SET status = 'sent', attempts = attempts + 1,
             sent_at = now(), last_error = NULL,
             html = CASE WHEN $2 THEN '' ELSE html END,
             text = CASE WHEN $2 THEN '' ELSE text END
           WHERE id = $1`,
          [row.id, this.transport.delivers],
        );
        return 'sent' as const;
      });
      if (outcome === 'none') break;
      if (outcome === 'sent') this.sent.inc();
      attempted += 1;
    }
    return attempted;
  }

  /**
   * The message as the SMTP server gets it: a single-use link's token is asked of identity now
   * and put into the body in memory only (the stored body keeps the placeholder, and is blanked
   * once sent). Undefined when identity says the link can no longer be used. Without SMTP
   * nothing leaves, so nothing is asked: the stored body is read without its token.
   */
  private async withToken(row: DueRow): Promise<OutgoingMail | undefined> {
    if (!row.link_id || !this.transport.delivers) return row;
    let token: string;
    try {
      ({ token } = await this.services.request(AccountSubjects.mailLinkToken, {
        linkId: row.link_id,
      }));
    } catch (error) {
      if (error instanceof DomainException && LINK_GONE.includes(error.envelope.code)) {
        return undefined;
      }
      throw error;
    }
    return { ...row, html: withLinkToken(row.html, token), text: withLinkToken(row.text, token) };
  }

  private async recordFailure(
    row: DueRow,
    error: unknown,
    query: (sql: string, params: unknown[]) => Promise<unknown>,
  ): Promise<void> {
    const attempts = row.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    if (attempts >= this.config.SMTP_MAX_ATTEMPTS) {
      await query(
        `UPDATE outgoing_messages SET status = 'failed', attempts = $2, last_error = $3 WHERE id = $1`,
        [row.id, attempts, message],
      );
      this.failed.inc();
      this.logger.error(
        {
          messageId: row.id,
          recipient: row.recipient,
          template: row.template,
          attempts,
          error: message,
        },
        'E-mail failed for good after the last attempt',
      );
      return;
    }
    const delay = retryDelayMs(this.config.SMTP_RETRY_BASE_MS, attempts);
    await query(
      `UPDATE outgoing_messages SET attempts = $2, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [row.id, attempts, message, delay / 1000],
    );
    this.logger.warn(
      { messageId: row.id, template: row.template, attempts, retryInMs: delay, error: message },
      'E-mail not sent; will retry',
    );
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let attempted = 0;
      try {
        attempted = await this.sendDue();
      } catch (error) {
        this.logger.warn({ err: error }, 'Mail sender cannot read its queue; retrying');
      }
      if (attempted >= BATCH_SIZE) continue;
      await this.waker.ensureListening();
      await this.waker.sleep(this.config.MAIL_POLL_INTERVAL_MS);
    }
  }
}
