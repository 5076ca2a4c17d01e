import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AgentSubjects,
  type AgentContact,
  type AgentsOfServicesQuery,
  type ApplicationEventBase,
  type EventEnvelope,
} from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { SERVICE_CONFIG, ServiceRequester } from '@portail/service-kit';
import type { NotificationConfig } from '../config';
import { Notifier, type Notice } from '../delivery/notifier';
import {
  applicationAcceptedMail,
  applicationInformationRequestedMail,
  applicationRejectedMail,
  applicationSubmittedMail,
  type ApplicationRecipient,
  type MailBranding,
  type MailTemplate,
  type RenderedMail,
} from '../mail/mail-templates';
import {
  acceptedNotice,
  informationRequestedNotice,
  rejectedNotice,
  submittedNotice,
  toReviewNotice,
  toReviewTopic,
  withdrawnForAgentsNotice,
  withdrawnNotice,
} from './application-notices';

interface FamilyMail {
  template: MailTemplate;
  render(brand: MailBranding, recipient: ApplicationRecipient): RenderedMail;
}

/**
 * E-mails and notices of enrolment's application events, category `applications` (families
 * may turn its e-mails off). Every family account of the event's `recipients` gets them.
 * With automatic validation the accepted event follows the submitted one at once: its e-mail
 * alone says both ("nous avons bien enregistré votre demande : elle est acceptée"), so the
 * family does not get two e-mails in the same second. Agents of the service get a notice
 * for each application they must review (manual validation), first submission or completed;
 * those notices are withdrawn from every agent once one of them decided (or the family
 * withdrew it), and a withdrawal is told to the agents of the service.
 */
@Injectable()
export class EnrolmentEventsHandler {
  private readonly brand: MailBranding;

  constructor(
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
    private readonly notifier: Notifier,
    private readonly services: ServiceRequester,
  ) {
    this.brand = {
      portalName: config.PORTAL_NAME,
      organisationName: config.ORGANISATION_NAME,
      portalUrl: config.PORTAL_URL,
    };
  }

  @HandlesEvent('enrolment.application.submitted')
  async onSubmitted(
    event: EventEnvelope<'enrolment.application.submitted'>,
    manager: EntityManager,
  ): Promise<void> {
    const application = event.payload;
    if (application.validationMode === 'automatic') return;
    const brand = this.brandOf(application);
    // Asked first: if identity does not answer, the event is retried before anything is written.
    const agents = await this.agentsOf(application.municipalServiceId);
    await this.notifyFamily(manager, event.id, application, submittedNotice(brand, application), {
      template: 'application-submitted',
      render: (branding, recipient) => applicationSubmittedMail(branding, recipient, application),
    });
    const notice = toReviewNotice(brand, application);
    for (const agent of agents) {
      // The agent who filed it at the counter knows already.
      if (application.filedBy.kind === 'agent' && agent.accountId === application.filedBy.accountId)
        continue;
      await this.notifier.notify(manager, {
        eventId: event.id,
        accountId: agent.accountId,
        category: 'applications',
        notice,
      });
    }
  }

  @HandlesEvent('enrolment.application.accepted')
  async onAccepted(
    event: EventEnvelope<'enrolment.application.accepted'>,
    manager: EntityManager,
  ): Promise<void> {
    const application = event.payload;
    const brand = this.brandOf(application);
    await this.notifier.withdrawTopic(manager, toReviewTopic(application.applicationId));
    const at = event.occurredAt;
    await this.notifyFamily(
      manager,
      event.id,
      application,
      acceptedNotice(brand, application, at),
      {
        template: 'application-accepted',
        render: (branding, recipient) =>
          applicationAcceptedMail(branding, recipient, application, at),
      },
    );
  }

  @HandlesEvent('enrolment.application.rejected')
  async onRejected(
    event: EventEnvelope<'enrolment.application.rejected'>,
    manager: EntityManager,
  ): Promise<void> {
    const application = event.payload;
    const brand = this.brandOf(application);
    await this.notifier.withdrawTopic(manager, toReviewTopic(application.applicationId));
    await this.notifyFamily(manager, event.id, application, rejectedNotice(brand, application), {
      template: 'application-rejected',
      render: (branding, recipient) => applicationRejectedMail(branding, recipient, application),
    });
  }

  @HandlesEvent('enrolment.application.information-requested')
  async onInformationRequested(
    event: EventEnvelope<'enrolment.application.information-requested'>,
    manager: EntityManager,
  ): Promise<void> {
    const application = event.payload;
    const brand = this.brandOf(application);
    // Back with the family: the agents have nothing to review until it is completed.
    await this.notifier.withdrawTopic(manager, toReviewTopic(application.applicationId));
    await this.notifyFamily(
      manager,
      event.id,
      application,
      informationRequestedNotice(brand, application),
      {
        template: 'application-information-requested',
        render: (branding, recipient) =>
          applicationInformationRequestedMail(branding, recipient, application),
      },
    );
  }

  /**
   * The family withdrew it itself: a notice is enough for it. The agents of the service are
   * told (an accepted place is freed), and nothing is left for them to review.
   */
  @HandlesEvent('enrolment.application.withdrawn')
  async onWithdrawn(
    event: EventEnvelope<'enrolment.application.withdrawn'>,
    manager: EntityManager,
  ): Promise<void> {
    const application = event.payload;
    const brand = this.brandOf(application);
    const agents = await this.agentsOf(application.municipalServiceId);
    await this.notifier.withdrawTopic(manager, toReviewTopic(application.applicationId));
    await this.notifyFamily(manager, event.id, application, withdrawnNotice(brand, application));
    const notice = withdrawnForAgentsNotice(brand, application);
    for (const agent of agents) {
      await this.notifier.notify(manager, {
        eventId: event.id,
        accountId: agent.accountId,
        category: 'applications',
        notice,
      });
    }
  }

  /** The organisation of the application signs the e-mail; the configured one otherwise. */
  private brandOf(application: ApplicationEventBase): MailBranding {
    return {
      ...this.brand,
      organisationName: application.organisationName || this.brand.organisationName,
    };
  }

  private async notifyFamily(
    manager: EntityManager,
    eventId: string,
    application: ApplicationEventBase,
    notice: Notice,
    mail?: FamilyMail,
  ): Promise<void> {
    const brand = this.brandOf(application);
    for (const recipient of application.recipients) {
      await this.notifier.notify(manager, {
        eventId,
        accountId: recipient.accountId,
        category: 'applications',
        email: mail && {
          recipient: recipient.email,
          template: mail.template,
          mail: mail.render(brand, recipient),
        },
        notice,
      });
    }
  }

  private agentsOf(municipalServiceId: string): Promise<AgentContact[]> {
    const query: AgentsOfServicesQuery = { municipalServiceIds: [municipalServiceId] };
    return this.services.request(AgentSubjects.agentsOfServices, query);
  }
}
