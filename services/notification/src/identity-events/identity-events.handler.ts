import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { NotificationConfig } from '../config';
import { Notifier } from '../delivery/notifier';
import {
  emailVerificationMail,
  LINK_TOKEN_PLACEHOLDER,
  passwordChangedMail,
  passwordResetMail,
  portalLink,
  PORTAL_PATHS,
  signUpAttemptedMail,
  type MailBranding,
} from '../mail/mail-templates';

/** E-mails and notices of identity's account events: all security messages, always sent. */
@Injectable()
export class IdentityEventsHandler {
  private readonly brand: MailBranding;

  constructor(
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
    private readonly notifier: Notifier,
  ) {
    this.brand = {
      portalName: config.PORTAL_NAME,
      organisationName: config.ORGANISATION_NAME,
      portalUrl: config.PORTAL_URL,
    };
  }

  @HandlesEvent('identity.account.email-verification-requested')
  async onEmailVerificationRequested(
    event: EventEnvelope<'identity.account.email-verification-requested'>,
    manager: EntityManager,
  ): Promise<void> {
    const { id, email, purpose, linkId } = event.payload;
    await this.notifier.notify(manager, {
      eventId: event.id,
      accountId: id,
      category: 'security',
      email: {
        recipient: email,
        template: purpose === 'email-change' ? 'email-change-verification' : 'email-verification',
        unsolicited: true,
        mail: emailVerificationMail(this.brand, {
          ...event.payload,
          token: LINK_TOKEN_PLACEHOLDER,
        }),
        linkId,
      },
    });
  }

  @HandlesEvent('identity.account.password-reset-requested')
  async onPasswordResetRequested(
    event: EventEnvelope<'identity.account.password-reset-requested'>,
    manager: EntityManager,
  ): Promise<void> {
    await this.notifier.notify(manager, {
      eventId: event.id,
      accountId: event.payload.id,
      category: 'security',
      email: {
        recipient: event.payload.email,
        template: 'password-reset',
        unsolicited: true,
        mail: passwordResetMail(this.brand, {
          ...event.payload,
          token: LINK_TOKEN_PLACEHOLDER,
        }),
        linkId: event.payload.linkId,
      },
    });
  }

  @HandlesEvent('identity.account.sign-up-attempted')
  async onSignUpAttempted(
    event: EventEnvelope<'identity.account.sign-up-attempted'>,
    manager: EntityManager,
  ): Promise<void> {
    await this.notifier.notify(manager, {
      eventId: event.id,
      accountId: event.payload.id,
      category: 'security',
      email: {
        recipient: event.payload.email,
        template: 'sign-up-attempted',
        unsolicited: true,
        mail: signUpAttemptedMail(this.brand, event.payload),
      },
    });
  }

  @HandlesEvent('identity.account.password-changed')
  async onPasswordChanged(
    event: EventEnvelope<'identity.account.password-changed'>,
    manager: EntityManager,
  ): Promise<void> {
    const { id, email, reason } = event.payload;
    await this.notifier.notify(manager, {
      eventId: event.id,
      accountId: id,
      category: 'security',
      email: {
        recipient: email,
        template: 'password-changed',
        mail: passwordChangedMail(this.brand, { ...event.payload, at: event.occurredAt }),
      },
      notice: {
        title: 'Mot de passe modifié',
        body:
          reason === 'reset'
            ? 'Votre mot de passe a été réinitialisé.'
            : 'Votre mot de passe a été modifié.',
        link: portalLink(this.brand, PORTAL_PATHS.forgottenPassword),
      },
    });
  }

  @HandlesEvent('identity.account.verified')
  async onVerified(
    event: EventEnvelope<'identity.account.verified'>,
    manager: EntityManager,
  ): Promise<void> {
    await this.notifier.notify(manager, {
      eventId: event.id,
      accountId: event.payload.id,
      category: 'security',
      notice: {
        title: 'Adresse e-mail confirmée',
        body: `Votre adresse ${event.payload.email} est confirmée : bienvenue sur le ${this.brand.portalName}.`,
      },
    });
  }
}
