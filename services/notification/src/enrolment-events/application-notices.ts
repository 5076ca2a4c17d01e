import type {
  ApplicationAccepted,
  ApplicationEventBase,
  ApplicationInformationRequested,
  ApplicationRejected,
  ApplicationSubmitted,
  ApplicationWithdrawn,
} from '@portail/contracts';
import type { Notice } from '../delivery/notifier';
import {
  acceptedFollowUp,
  applicationPath,
  portalLink,
  PORTAL_PATHS,
  type MailBranding,
} from '../mail/mail-templates';

/** In-app notices of applications (plain text: the front end renders them). */

function about(application: ApplicationEventBase): string {
  return `« ${application.procedureTitle} » pour ${application.child.firstName} ${application.child.lastName} (référence ${application.reference})`;
}

function applicationLink(brand: MailBranding, application: ApplicationEventBase): string {
  return portalLink(brand, applicationPath(application.applicationId));
}

export function submittedNotice(brand: MailBranding, application: ApplicationSubmitted): Notice {
  return {
    title: application.resubmission ? 'Demande complétée enregistrée' : 'Demande enregistrée',
    body: `Nous avons bien enregistré votre demande ${about(application)}. Elle est transmise au service ${application.municipalServiceName} ; vous serez informé de son avancement.`,
    link: applicationLink(brand, application),
  };
}

export function acceptedNotice(
  brand: MailBranding,
  application: ApplicationAccepted,
  at: string,
): Notice {
  const next =
    application.grant.kind === 'activity-booking'
      ? ' Vous pouvez maintenant réserver.'
      : application.grant.kind === 'school-assignment' && application.schoolAssignment
        ? ` École : ${application.schoolAssignment.schoolName}. Le certificat d'inscription est disponible.`
        : '';
  return {
    title: 'Demande acceptée',
    body: `Votre demande ${about(application)} a été acceptée.${next}`,
    link: acceptedFollowUp(brand, application, at).action.url,
  };
}

export function rejectedNotice(brand: MailBranding, application: ApplicationRejected): Notice {
  return {
    title: 'Demande refusée',
    body: `Votre demande ${about(application)} n'a pas été acceptée. Motif : ${application.reason}`,
    link: applicationLink(brand, application),
  };
}

export function informationRequestedNotice(
  brand: MailBranding,
  application: ApplicationInformationRequested,
): Notice {
  return {
    title: 'Compléments demandés',
    body: `Le service ${application.municipalServiceName} a besoin d'informations complémentaires pour votre demande ${about(application)} : ${application.message}`,
    link: portalLink(brand, applicationPath(application.applicationId, 'completer')),
  };
}

export function withdrawnNotice(brand: MailBranding, application: ApplicationWithdrawn): Notice {
  return {
    title: 'Demande retirée',
    body: `Votre demande ${about(application)} a été retirée.${application.reason ? ` Motif : ${application.reason}` : ''}`,
    link: applicationLink(brand, application),
  };
}

/** The topic of an application's "à instruire" notices: withdrawn once someone acted on it. */
export function toReviewTopic(applicationId: string): string {
  return `application-to-review:${applicationId}`;
}

function agentLink(brand: MailBranding, application: ApplicationEventBase): string {
  return portalLink(
    brand,
    `${PORTAL_PATHS.agentApplications}/${encodeURIComponent(application.applicationId)}`,
  );
}

/** For the agents of the application's service. */
export function toReviewNotice(brand: MailBranding, application: ApplicationSubmitted): Notice {
  return {
    topic: toReviewTopic(application.applicationId),
    title: application.resubmission
      ? 'Demande complétée à instruire'
      : 'Nouvelle demande à instruire',
    body: `${application.municipalServiceName} : demande ${about(application)}${application.resubmission ? ', complétée par la famille' : ''}.`,
    link: agentLink(brand, application),
  };
}

/** For the agents of the service: the family withdrew it, an accepted place is freed. */
export function withdrawnForAgentsNotice(
  brand: MailBranding,
  application: ApplicationWithdrawn,
): Notice {
  const place =
    application.previousStatus === 'accepted'
      ? ' La demande était acceptée : sa place est libérée et ses réservations à venir sont annulées.'
      : '';
  return {
    title:
      application.previousStatus === 'accepted'
        ? 'Inscription retirée par la famille'
        : 'Demande retirée par la famille',
    body: `${application.municipalServiceName} : la famille a retiré la demande ${about(application)}.${place}${application.reason ? ` Motif : ${application.reason}` : ''}`,
    link: agentLink(brand, application),
  };
}
