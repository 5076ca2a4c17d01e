import { frenchWordDate } from '@portail/contracts';
import type { ApplicationAccepted } from '@portail/contracts';
import { retryDelayMs } from './mail-sender';
import {
  applicationAcceptedMail,
  applicationPath,
  emailVerificationMail,
  escapeHtml,
  portalLink,
  type MailBranding,
} from './mail-templates';
import { smtpTransportUrl } from './mail-transport';

const brand: MailBranding = {
  portalName: 'Portail Famille',
  organisationName: 'Vichy Communauté',
  portalUrl: 'https://portail.example.fr/famille/',
};

describe('mail templates', () => {
  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x">Zoé & 'Léo'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Zoé &amp; &#39;Léo&#39;&lt;/a&gt;',
    );
  });

  it('builds links under the portal URL with the token encoded', () => {
    expect(portalLink(brand, '/compte/verifier-email', 'a+b/c=')).toBe(
      'https://portail.example.fr/famille/compte/verifier-email?token=a%2Bb%2Fc%3D',
    );
  });

  it('writes the verification e-mail in French, in Paris time, with the name escaped', () => {
    const mail = emailVerificationMail(brand, {
      firstName: '<b>Camille</b>',
      token: 'tok',
      expiresAt: '2026-07-01T08:30:00Z',
      purpose: 'sign-up',
    });
    expect(mail.subject).toBe('Confirmez votre adresse e-mail – Portail Famille');
    expect(mail.text).toContain("valable jusqu'au 1er juillet 2026 à 10 h 30");
    expect(mail.html).toContain('Bonjour &lt;b&gt;Camille&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>Camille');
  });
});

describe('retry delays', () => {
  it('doubles from the base and stops at one hour', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(1000, attempts))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(retryDelayMs(60_000, 20)).toBe(3_600_000);
  });
});

describe('application e-mails', () => {
  const application: ApplicationAccepted = {
    applicationId: '01900000-0000-7000-8000-000000000001',
    reference: 'D-2026-000123',
    procedureId: '01900000-0000-7000-8000-000000000002',
    procedureTitle: 'Pré-inscription scolaire 2026-2027',
    organisationId: '01900000-0000-7000-8000-000000000003',
    organisationName: 'Bellerive-sur-Allier',
    municipalServiceId: '01900000-0000-7000-8000-000000000004',
    municipalServiceName: 'Service éducation',
    season: '2026-2027',
    householdId: '01900000-0000-7000-8000-000000000005',
    child: { id: '01900000-0000-7000-8000-000000000006', firstName: 'Léa', lastName: 'Roux' },
    recipients: [],
    grant: { kind: 'school-assignment' },
    validFrom: '2026-09-01',
    validUntil: '2027-08-31',
    schoolAssignment: {
      schoolId: '01900000-0000-7000-8000-000000000007',
      schoolName: 'École maternelle Jean Zay',
      schoolAddress: '1 rue Jean Zay, 03700 Bellerive-sur-Allier',
    },
    automatic: false,
  };

  it('writes days in French words', () => {
    expect(frenchWordDate('2026-09-01')).toBe('1er septembre 2026');
    expect(frenchWordDate('2027-08-31')).toBe('31 août 2027');
  });

  it('links to the application and its certificate under the portal URL', () => {
    expect(portalLink(brand, applicationPath(application.applicationId, 'certificat'))).toBe(
      'https://portail.example.fr/famille/demandes/01900000-0000-7000-8000-000000000001/certificat',
    );
  });

  it('names the school and the certificate of an accepted pre-registration', () => {
    const mail = applicationAcceptedMail(
      { ...brand, organisationName: application.organisationName },
      { email: 'famille@example.fr', firstName: 'Zoé' },
      application,
    );
    expect(mail.subject).toBe('Votre demande a été acceptée – Pré-inscription scolaire 2026-2027');
    expect(mail.text).toContain("L'inscription de Léa est confirmée à l'école École maternelle");
    expect(mail.text).toContain("Télécharger le certificat d'inscription : https://");
    expect(mail.html).toContain(
      '<h2 style="font-size:18px;color:#222222">VOTRE DEMANDE A ÉTÉ ACCEPTÉE</h2>',
    );
  });
});

describe('SMTP transport URL', () => {
  it('asks for a pool and bounded timeouts, unless the URL says otherwise', () => {
    const url = new URL(smtpTransportUrl('smtp://user:p%40ss@mail.example.fr:587?pool=false'));
    expect(url.searchParams.get('pool')).toBe('false');
    expect(url.searchParams.get('socketTimeout')).toBe('30000');
    expect(url.password).toBe('p%40ss');
    expect(new URL(smtpTransportUrl('smtp://127.0.0.1:1025')).searchParams.get('pool')).toBe(
      'true',
    );
  });
});
