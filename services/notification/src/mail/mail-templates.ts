import { firstBookableMonth, frenchDateTime, frenchWordDate } from '@portail/contracts';
import { activityPhrase, atSchool, capitalise, ofName } from './french-words';
import type {
  ApplicationAccepted,
  ApplicationEventBase,
  ApplicationInformationRequested,
  ApplicationRejected,
  ApplicationSubmitted,
} from '@portail/contracts';

/**
 * French e-mails, HTML and plain text. Every value that comes from users goes through
 * `escapeHtml` in the HTML part; adding an e-mail is one function here and one handler.
 */

export type MailTemplate =
  | 'email-verification'
  | 'email-change-verification'
  | 'password-reset'
  | 'sign-up-attempted'
  | 'password-changed'
  | 'application-submitted'
  | 'application-accepted'
  | 'application-rejected'
  | 'application-information-requested'
  | 'booking-request-recorded'
  | 'booking-offered'
  | 'booking-offer-lapsed'
  | 'booking-promoted'
  | 'booking-decided'
  | 'invoice-issued'
  | 'invoice-overdue'
  | 'payment-received'
  | 'payment-failed'
  | 'basket-expired'
  | 'credit-note-issued'
  | 'direct-debit-announced'
  | 'direct-debit-returned';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailBranding {
  portalName: string;
  organisationName: string;
  portalUrl: string;
}

/** Paths of the front end's pages that the links open. */
export const PORTAL_PATHS = {
  verifyEmail: '/compte/verifier-email',
  resetPassword: '/compte/nouveau-mot-de-passe',
  login: '/connexion',
  forgottenPassword: '/compte/mot-de-passe-oublie',
  /** `/demandes/{id}` follows an application; `/completer` and `/certificat` below it. */
  applications: '/demandes',
  /** The family's bookings, once an application opens them. */
  bookings: '/reservations',
  /** `/agent/demandes/{id}`: an application as the agents of its service review it. */
  agentApplications: '/agent/demandes',
} as const;

/** The page of one application, or one of its sub-pages (`completer`, `certificat`). */
export function applicationPath(applicationId: string, page?: 'completer' | 'certificat'): string {
  const path = `${PORTAL_PATHS.applications}/${encodeURIComponent(applicationId)}`;
  return page ? `${path}/${page}` : path;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Where the single-use token goes in a stored message's body: the real token is put in its
 * place by the mail sender at send time (`withLinkToken`) and never stored. Letters and
 * underscores only, so that URL and HTML escaping leave it as it is.
 */
export const LINK_TOKEN_PLACEHOLDER = '__PORTAIL_JETON_DU_LIEN__';

/** The body with the token in its link, for the SMTP server only. */
export function withLinkToken(body: string, token: string): string {
  return body.split(LINK_TOKEN_PLACEHOLDER).join(encodeURIComponent(token));
}

export function portalLink(brand: MailBranding, path: string, token?: string): string {
  const url = new URL(`${brand.portalUrl.replace(/\/+$/, '')}${path}`);
  if (token !== undefined) url.searchParams.set('token', token);
  return url.toString();
}

export interface MailContent {
  subject: string;
  /** A title above the greeting, e.g. "NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE". */
  heading?: string;
  greetingName: string;
  /** Plain sentences; escaped for HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote?: string;
}

export function render(brand: MailBranding, content: MailContent): RenderedMail {
  const greeting = `Bonjour ${content.greetingName},`;
  const signature = `L'équipe ${brand.portalName} – ${brand.organisationName}`;
  const notice = 'Ce message est envoyé automatiquement, merci de ne pas y répondre.';
  const textParts = [
    ...(content.heading ? [content.heading] : []),
    greeting,
    ...content.paragraphs,
  ];
  if (content.action) textParts.push(`${content.action.label} : ${content.action.url}`);
  if (content.footnote) textParts.push(content.footnote);
  textParts.push(signature, notice);
  // A message typed by an agent may span lines: keep them in HTML too.
  const p = (value: string) => `<p>${escapeHtml(value).replace(/\r?\n/g, '<br>')}</p>`;
  const action = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#00558c;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:12px;color:#555555">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br>${escapeHtml(content.action.url)}</p>`
    : '';
  const html = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#222222;max-width:600px;margin:auto">
<h1 style="font-size:20px;color:#00558c">${escapeHtml(brand.portalName)} – ${escapeHtml(brand.organisationName)}</h1>
${content.heading ? `<h2 style="font-size:18px;color:#222222">${escapeHtml(content.heading)}</h2>\n` : ''}${p(greeting)}
${content.paragraphs.map(p).join('\n')}
${action}
${content.footnote ? p(content.footnote) : ''}
${p(signature)}
<p style="font-size:12px;color:#555555">${escapeHtml(notice)}</p>
</body></html>
`;
  return { subject: content.subject, html, text: `${textParts.join('\n\n')}\n` };
}

export function emailVerificationMail(
  brand: MailBranding,
  input: {
    firstName: string;
    token: string;
    expiresAt: string;
    purpose: 'sign-up' | 'email-change';
  },
): RenderedMail {
  const url = portalLink(brand, PORTAL_PATHS.verifyEmail, input.token);
  const until = `Ce lien est valable jusqu'au ${frenchDateTime(input.expiresAt)} et ne peut servir qu'une fois.`;
  if (input.purpose === 'email-change') {
    return render(brand, {
      subject: `Confirmez votre nouvelle adresse e-mail – ${brand.portalName}`,
      greetingName: input.firstName,
      paragraphs: [
        `Vous avez demandé à utiliser cette adresse pour votre espace personnel du ${brand.portalName}.`,
        'Pour confirmer ce changement, cliquez sur le lien ci-dessous.',
        until,
      ],
      action: { label: 'Confirmer ma nouvelle adresse', url },
      footnote:
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre adresse actuelle reste inchangée.",
    });
  }
  return render(brand, {
    subject: `Confirmez votre adresse e-mail – ${brand.portalName}`,
    greetingName: input.firstName,
    paragraphs: [
      `Bienvenue sur le ${brand.portalName} de ${brand.organisationName}.`,
      'Pour activer votre espace personnel, confirmez votre adresse e-mail en cliquant sur le lien ci-dessous.',
      until,
    ],
    action: { label: 'Confirmer mon adresse e-mail', url },
    footnote: "Si vous n'avez pas créé de compte, ignorez ce message.",
  });
}

export function passwordResetMail(
  brand: MailBranding,
  input: { firstName: string; token: string; expiresAt: string },
): RenderedMail {
  return render(brand, {
    subject: `Réinitialisation de votre mot de passe – ${brand.portalName}`,
    greetingName: input.firstName,
    paragraphs: [
      'Vous avez demandé à réinitialiser le mot de passe de votre espace personnel.',
      'Pour choisir un nouveau mot de passe, cliquez sur le lien ci-dessous.',
      `Ce lien est valable jusqu'au ${frenchDateTime(input.expiresAt)} et ne peut servir qu'une fois.`,
    ],
    action: {
      label: 'Choisir un nouveau mot de passe',
      url: portalLink(brand, PORTAL_PATHS.resetPassword, input.token),
    },
    footnote:
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
  });
}

export function signUpAttemptedMail(
  brand: MailBranding,
  input: { firstName: string },
): RenderedMail {
  return render(brand, {
    subject: `Vous avez déjà un compte – ${brand.portalName}`,
    greetingName: input.firstName,
    paragraphs: [
      `Quelqu'un a essayé de créer un espace personnel sur le ${brand.portalName} avec cette adresse e-mail, mais vous avez déjà un compte.`,
      'Vous pouvez vous connecter avec votre mot de passe habituel. Si vous l’avez oublié, vous pouvez le réinitialiser : ' +
        portalLink(brand, PORTAL_PATHS.forgottenPassword),
    ],
    action: { label: 'Me connecter', url: portalLink(brand, PORTAL_PATHS.login) },
    footnote: "Si vous n'êtes pas à l'origine de cette tentative, vous pouvez ignorer ce message.",
  });
}

export function passwordChangedMail(
  brand: MailBranding,
  input: { firstName: string; reason: 'change' | 'reset'; at: string },
): RenderedMail {
  return render(brand, {
    subject: `Votre mot de passe a été modifié – ${brand.portalName}`,
    greetingName: input.firstName,
    paragraphs: [
      `Le mot de passe de votre espace personnel a été ${input.reason === 'reset' ? 'réinitialisé' : 'modifié'} le ${frenchDateTime(input.at)}.`,
      "Si vous êtes à l'origine de ce changement, vous n'avez rien à faire.",
      `Sinon, réinitialisez votre mot de passe sans attendre et contactez ${brand.organisationName}.`,
    ],
    action: {
      label: 'Réinitialiser mon mot de passe',
      url: portalLink(brand, PORTAL_PATHS.forgottenPassword),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Applications ("demandes"): one e-mail per recipient of the event, i.e. per family account.

export interface ApplicationRecipient {
  email: string;
  firstName: string;
}

const SUBMITTED_HEADING = 'NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE';

function childName(application: ApplicationEventBase): string {
  return `${application.child.firstName} ${application.child.lastName}`;
}

/** « Inscription restauration scolaire 2026-2027 » pour Iris Paillette (référence D-2026-000123) */
function aboutApplication(application: ApplicationEventBase): string {
  return `« ${application.procedureTitle} » pour ${childName(application)} (référence ${application.reference})`;
}

/** Service names vary ("Restauration scolaire", "Service scolaire"): never "le service Service…". */
function serviceName(application: ApplicationEventBase, brand: MailBranding): string {
  return `le service concerné (${application.municipalServiceName}, ${brand.organisationName})`;
}

function followAction(brand: MailBranding, application: ApplicationEventBase) {
  return {
    label: 'Suivre ma demande',
    url: portalLink(brand, applicationPath(application.applicationId)),
  };
}

/** Submitted or resubmitted, in the words of the specification. */
export function applicationSubmittedMail(
  brand: MailBranding,
  recipient: ApplicationRecipient,
  application: ApplicationSubmitted,
): RenderedMail {
  const first = application.resubmission
    ? `Les compléments apportés à votre demande ${aboutApplication(application)} ont bien été enregistrés.`
    : `Votre demande ${aboutApplication(application)} a bien été enregistrée.`;
  return render(brand, {
    subject: application.resubmission
      ? `Nous avons bien enregistré votre demande complétée – ${application.procedureTitle}`
      : `Nous avons bien enregistré votre demande – ${application.procedureTitle}`,
    heading: SUBMITTED_HEADING,
    greetingName: recipient.firstName,
    paragraphs: [
      first,
      `Votre demande va être transmise au service concerné (${application.municipalServiceName}, ${brand.organisationName}) et vous serez tenu informé par courriel (${recipient.email}) de l'avancement de son instruction.`,
      'Vous retrouverez toutes les informations concernant votre demande à cette adresse :',
    ],
    action: followAction(brand, application),
  });
}

/** The family's page of a child's bookings, on the month to book first. */
export function childBookingsLink(brand: MailBranding, childId: string, month: string): string {
  const url = new URL(
    portalLink(brand, `${PORTAL_PATHS.bookings}/enfants/${encodeURIComponent(childId)}`),
  );
  url.searchParams.set('mois', month);
  return url.toString();
}

/**
 * What an activity's acceptance says, per kind of activity (the grant's `activityCode`): what
 * the family books, and how it is paid. Unknown codes get the general text.
 */
function bookingTexts(
  application: ApplicationAccepted,
  period: string,
): { opening: string; billing: string | null; label: string } {
  const child = application.child.firstName;
  const { grant } = application;
  const code = grant.activityCode ?? '';
  const name = grant.activityName ?? application.procedureTitle;
  const prePaid = grant.billing === 'pre-billing';
  const postBilled = (what: string) =>
    `${what} chaque mois à terme échu, d'après les réservations et les absences non justifiées ; vous pourrez régler en ligne (PayFIP), par prélèvement automatique ou auprès du Trésor public.`;
  const atBooking = (what: string) =>
    `Paiement à la réservation : ${what} se paie en ligne, par carte bancaire, au moment où vous le réservez.`;
  const delay = application.automatic
    ? 'Vos réservations sont enregistrées aussitôt, dans le respect du délai de prévenance.'
    : 'Respectez le délai de prévenance indiqué pour chaque jour.';
  if (code === 'restauration-scolaire') {
    return {
      opening: `Vous pouvez dès maintenant réserver les repas ${ofName(child)} au restaurant scolaire, pour les jours d'école ${period}, jour par jour ou de façon régulière (par exemple tous les lundis et jeudis). ${delay}`,
      billing: prePaid ? atBooking('chaque repas') : postBilled('Les repas sont facturés'),
      label: 'Réserver les repas',
    };
  }
  if (code.startsWith('accueil-')) {
    return {
      opening: `Vous pouvez dès maintenant indiquer les jours de présence ${ofName(child)} (${name.toLowerCase()}) ${period}, jour par jour ou de façon régulière. ${delay}`,
      billing: prePaid
        ? atBooking('chaque accueil')
        : postBilled("Les jours d'accueil sont facturés"),
      label: 'Indiquer les jours de présence',
    };
  }
  if (code === 'mercredis') {
    return {
      opening: `Vous pouvez dès maintenant réserver les mercredis ${ofName(child)} à l'accueil de loisirs (journée ou demi-journée, avec ou sans repas) ${period}. ${delay}`,
      billing: prePaid ? atBooking('chaque mercredi') : postBilled('Les mercredis sont facturés'),
      label: 'Réserver les mercredis',
    };
  }
  if (code === 'conservatoire') {
    return {
      opening: `L'inscription ${ofName(child)} au conservatoire est confirmée ${period}. Les jours et horaires des cours sont indiqués dans votre espace personnel.`,
      billing: prePaid
        ? 'Les cours se paient à l’inscription.'
        : postBilled('Les cours sont facturés'),
      label: 'Voir les cours',
    };
  }
  if (code.includes('vacances')) {
    return {
      opening: `Vous pouvez dès maintenant réserver les semaines ${ofName(child)} (« ${name} »), selon les places disponibles.`,
      billing: prePaid ? atBooking('chaque semaine') : postBilled('Les semaines sont facturées'),
      label: 'Réserver les semaines',
    };
  }
  return {
    opening: `Vous pouvez dès maintenant réserver ${activityPhrase(name)} pour ${child} ${period}, depuis votre espace personnel. ${delay}`,
    billing: prePaid
      ? atBooking('chaque réservation')
      : grant.billing === 'post-billing'
        ? postBilled('Les réservations sont facturées')
        : null,
    label: 'Réserver',
  };
}

/** What the acceptance opens: bookings, or the school and its registration certificate. */
export function acceptedFollowUp(
  brand: MailBranding,
  application: ApplicationAccepted,
  at: string,
): { paragraphs: string[]; action: { label: string; url: string } } {
  const child = application.child.firstName;
  const { grant, schoolAssignment } = application;
  if (grant.kind === 'activity-booking') {
    const period = `du ${frenchWordDate(application.validFrom)} au ${frenchWordDate(application.validUntil)}`;
    const texts = bookingTexts(application, period);
    const month = firstBookableMonth(application.validFrom, application.validUntil, new Date(at));
    return {
      paragraphs: [texts.opening, ...(texts.billing ? [texts.billing] : [])],
      action: { label: texts.label, url: childBookingsLink(brand, application.child.id, month) },
    };
  }
  if (grant.kind === 'school-assignment' && schoolAssignment) {
    return {
      paragraphs: [
        `L'inscription ${ofName(child)} est confirmée ${atSchool(schoolAssignment.schoolName)} (${schoolAssignment.schoolAddress}).`,
        "Le certificat d'inscription est à télécharger depuis votre espace personnel ; présentez-le à l'école.",
      ],
      action: {
        label: "Télécharger le certificat d'inscription",
        url: portalLink(brand, applicationPath(application.applicationId, 'certificat')),
      },
    };
  }
  return { paragraphs: [], action: followAction(brand, application) };
}

/**
 * Accepted by an agent, or at once (automatic validation): the automatic case is the only
 * e-mail of its application, so it also says that the application was recorded.
 */
export function applicationAcceptedMail(
  brand: MailBranding,
  recipient: ApplicationRecipient,
  application: ApplicationAccepted,
  at: string,
): RenderedMail {
  const followUp = acceptedFollowUp(brand, application, at);
  const note = application.message?.trim()
    ? [`Message du service :\n${application.message.trim()}`]
    : [];
  const opening = application.automatic
    ? [
        `Votre demande ${aboutApplication(application)} a bien été enregistrée.`,
        'Elle ne demande pas de validation par le service : elle est acceptée.',
      ]
    : [
        `${capitalise(serviceName(application, brand))} a accepté votre demande ${aboutApplication(application)}.`,
      ];
  return render(brand, {
    subject: application.automatic
      ? `Nous avons bien enregistré votre demande : elle est acceptée – ${application.procedureTitle}`
      : `Votre demande a été acceptée – ${application.procedureTitle}`,
    heading: application.automatic ? SUBMITTED_HEADING : 'VOTRE DEMANDE A ÉTÉ ACCEPTÉE',
    greetingName: recipient.firstName,
    paragraphs: [...opening, ...followUp.paragraphs, ...note],
    action: followUp.action,
  });
}

export function applicationRejectedMail(
  brand: MailBranding,
  recipient: ApplicationRecipient,
  application: ApplicationRejected,
): RenderedMail {
  return render(brand, {
    subject: `Votre demande n'a pas été acceptée – ${application.procedureTitle}`,
    heading: "VOTRE DEMANDE N'A PAS ÉTÉ ACCEPTÉE",
    greetingName: recipient.firstName,
    paragraphs: [
      `${capitalise(serviceName(application, brand))} n'a pas pu accepter votre demande ${aboutApplication(application)}.`,
      `Motif : ${application.reason}`,
      `Pour toute question, vous pouvez contacter ${serviceName(application, brand)}.`,
    ],
    action: { ...followAction(brand, application), label: 'Voir ma demande' },
  });
}

export function applicationInformationRequestedMail(
  brand: MailBranding,
  recipient: ApplicationRecipient,
  application: ApplicationInformationRequested,
): RenderedMail {
  return render(brand, {
    subject: `Votre demande est à compléter – ${application.procedureTitle}`,
    heading: 'DES COMPLÉMENTS SONT NÉCESSAIRES',
    greetingName: recipient.firstName,
    paragraphs: [
      `Pour instruire votre demande ${aboutApplication(application)}, ${serviceName(application, brand)} a besoin d'informations complémentaires :`,
      application.message,
      'Complétez votre demande depuis votre espace personnel : elle sera ensuite de nouveau examinée.',
    ],
    action: {
      label: 'Compléter ma demande',
      url: portalLink(brand, applicationPath(application.applicationId, 'completer')),
    },
  });
}
