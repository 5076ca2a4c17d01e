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
      ? createTransport(
          // Bounded, so that a silent server delays the queue by seconds, not minutes.
          {
            url: config.SMTP_URL,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          },
          { from: config.MAIL_FROM },
        )
      : undefined;
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
