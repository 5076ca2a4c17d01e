import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { NotificationConfig } from '../config';

export interface OutgoingMail {
  id: string;
  recipient: string;
  template: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * Transport options go in the URL: nodemailer reads only the URL when it is given (options
 * beside it are dropped). A pool keeps connections open between messages instead of one
 * handshake per e-mail; timeouts are bounded, so a silent server delays the queue by seconds,
 * not minutes. Parameters already in SMTP_URL win (e.g. `?maxConnections=2`).
 */
export function smtpTransportUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults: Record<string, string> = {
    pool: 'true',
    connectionTimeout: '10000',
    greetingTimeout: '10000',
    socketTimeout: '30000',
  };
  for (const [name, value] of Object.entries(defaults)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.toString();
}

/**
 * Hands a message to SMTP (nodemailer, `SMTP_URL`), or, with no SMTP configured, only logs
 * its recipient and template: the body holds single-use tokens and never reaches the log.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.transporter = config.SMTP_URL
      ? createTransport(smtpTransportUrl(config.SMTP_URL), { from: config.MAIL_FROM })
      : undefined;
  }

  /** True when messages really leave (SMTP); without it they are only read in the database. */
  get delivers(): boolean {
    return this.transporter !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transporter) {
      this.logger.info(
        { messageId: mail.id, recipient: mail.recipient, template: mail.template },
        'E-mail not sent (no SMTP_URL): read it in outgoing_messages',
      );
      return;
    }
    await this.transporter.sendMail({
      to: mail.recipient,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { 'X-Portail-Message-Id': mail.id },
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
