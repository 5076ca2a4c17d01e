/**
 * French e-mails, HTML and plain text. Every value that comes from users goes through
 * `escapeHtml` in the HTML part; adding an e-mail is one function here and one handler.
 */

export type MailTemplate =
  | 'email-verification'
  | 'email-change-verification'
  | 'password-reset'
  | 'sign-up-attempted'
  | 'password-changed';

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
} as const;

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function portalLink(brand: MailBranding, path: string, token?: string): string {
  const url = new URL(`${brand.portalUrl.replace(/\/+$/, '')}${path}`);
  if (token !== undefined) url.searchParams.set('token', token);
  return url.toString();
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function frenchDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

interface MailContent {
  subject: string;
  greetingName: string;
  /** Plain sentences; escaped for HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote?: string;
}

function render(brand: MailBranding, content: MailContent): RenderedMail {
  const greeting = `Bonjour ${content.greetingName},`;
  const signature = `L'équipe ${brand.portalName} – ${brand.organisationName}`;
  const notice = 'Ce message est envoyé automatiquement, merci de ne pas y répondre.';
  const textParts = [greeting, ...content.paragraphs];
  if (content.action) textParts.push(`${content.action.label} : ${content.action.url}`);
  if (content.footnote) textParts.push(content.footnote);
  textParts.push(signature, notice);
  const p = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const action = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#00558c;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:12px;color:#555555">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br>${escapeHtml(content.action.url)}</p>`
    : '';
  const html = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#222222;max-width:600px;margin:auto">
<h1 style="font-size:20px;color:#00558c">${escapeHtml(brand.portalName)} – ${escapeHtml(brand.organisationName)}</h1>
${p(greeting)}
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
