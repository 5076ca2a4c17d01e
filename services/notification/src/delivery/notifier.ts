import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { NotificationConfig } from '../config';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { NotificationCategory } from '@portail/contracts';
import { wakeMailSenders } from '../mail/mail-queue';
import type { MailTemplate, RenderedMail } from '../mail/mail-templates';
import { wantsEmail } from '../preferences/email-preferences';

export interface Notice {
  title: string;
  body: string;
  link?: string;
  /** Notices of one topic are withdrawn together (see `withdrawTopic`). */
  topic?: string;
}

export interface Notification {
  eventId: string;
  category: NotificationCategory;
  /** The account the message is about (preferences, in-app notice); absent for an address only. */
  accountId?: string;
  email?: {
    recipient: string;
    template: MailTemplate;
    mail: RenderedMail;
    /**
     * Anyone can make us send it to any address (sign-up, forgotten password…): capped per
     * address (UNSOLICITED_EMAILS_PER_RECIPIENT_PER_DAY) so the portal cannot be used to flood
     * a mailbox.
     */
    unsolicited?: boolean;
    /**
     * The message holds a single-use link: its body has `LINK_TOKEN_PLACEHOLDER` where the
     * token goes, and this id of the link in identity, exchanged for the token at send time.
     */
    linkId?: string;
  };
  notice?: Notice;
}

/** The e-mails anyone can trigger, counted together for the per-address cap. */
const UNSOLICITED_TEMPLATES: MailTemplate[] = [
  'email-verification',
  'email-change-verification',
  'password-reset',
  'sign-up-attempted',
];

/**
 * What an event handler calls, inside the transaction of the event's inbox write: queues the
 * e-mail (unless the account opted out of its category) and records the in-app notice. The
 * inbox makes it once per event; the unique keys once per recipient. The message keeps its
 * account, so that the account's closure can cancel and erase it.
 */
@Injectable()
export class Notifier {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async notify(manager: EntityManager, notification: Notification): Promise<void> {
    const { eventId, accountId, category, email, notice } = notification;
    if (accountId && (await isClosed(manager, accountId))) return;
    if (
      email &&
      (!accountId || (await wantsEmail(manager, accountId, category))) &&
      !(email.unsolicited && (await this.capReached(manager, email.recipient, eventId)))
    ) {
      await manager.query(
        `INSERT INTO outgoing_messages
           (id, event_id, account_id, recipient, template, subject, html, text, link_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (event_id, recipient, template) DO NOTHING`,
        [
          uuidv7(),
          eventId,
          accountId ?? null,
          email.recipient,
          email.template,
          email.mail.subject,
          email.mail.html,
          email.mail.text,
          email.linkId ?? null,
        ],
      );
      await wakeMailSenders(manager);
    }
    if (notice && accountId) {
      await manager.query(
        `INSERT INTO notifications (id, account_id, event_id, category, title, body, link, topic)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (event_id, account_id) DO NOTHING`,
        [
          uuidv7(),
          accountId,
          eventId,
          category,
          notice.title,
          notice.body,
          notice.link ?? null,
          notice.topic ?? null,
        ],
      );
    }
  }

  /** True when the address already got its share of unsolicited e-mails in the last 24 hours. */
  private async capReached(
    manager: EntityManager,
    recipient: string,
    eventId: string,
  ): Promise<boolean> {
    const [{ sent }] = await manager.query<Array<{ sent: number }>>(
      `SELECT count(*)::int AS sent FROM outgoing_messages
        WHERE lower(recipient) = lower($1) AND template = ANY($2)
          AND created_at > now() - interval '24 hours'`,
      [recipient, UNSOLICITED_TEMPLATES],
    );
    if (sent < this.config.UNSOLICITED_EMAILS_PER_RECIPIENT_PER_DAY) return false;
    // The address is not logged: the event id is enough to find the case.
    this.logger.warn(
      { eventId, sent },
      'Unsolicited e-mail held back: this address already received its share of the day',
    );
    return true;
  }

  /** Removes every account's notices of a topic that no longer calls for anything. */
  async withdrawTopic(manager: EntityManager, topic: string): Promise<void> {
    await manager.query('DELETE FROM notifications WHERE topic = $1', [topic]);
  }
}

/** An account closed before a late event of another producer arrived: nobody to notify. */
async function isClosed(manager: EntityManager, accountId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    'SELECT 1 FROM closed_accounts WHERE account_id = $1',
    [accountId],
  );
  return rows.length > 0;
}
