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

describe('application e-mails', () => {
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
      '2026-06-15T08:00:00Z',
    );
    expect(mail.subject).toBe('Votre demande a été acceptée – Pré-inscription scolaire 2026-2027');
    // Never "à l'école École maternelle".
    expect(mail.text).toContain("L'inscription de Léa est confirmée à l'école maternelle");
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

  describe('acceptance texts per kind of activity', () => {
    const accepted = (
      grant: ApplicationAccepted['grant'],
      overrides: Partial<ApplicationAccepted> = {},
    ): string =>
      applicationAcceptedMail(
        brand,
        { email: 'famille@example.fr', firstName: 'Zoé' },
        {
          ...application,
          child: { ...application.child, firstName: 'Hugo' },
          grant,
          schoolAssignment: null,
          ...overrides,
        },
        '2026-06-15T08:00:00Z',
      ).text;

    it('school catering, validated by the service: meals, school days, billed at month end', () => {
      const text = accepted({
        kind: 'activity-booking',
        activityCode: 'restauration-scolaire',
        activityName: 'Restauration scolaire',
        billing: 'post-billing',
      });
      expect(text).toContain(
        "Vous pouvez dès maintenant réserver les repas d'Hugo au restaurant scolaire, pour les jours d'école du 1er septembre 2026 au 31 août 2027",
      );
      expect(text).toContain('Respectez le délai de prévenance');
      expect(text).toContain('Les repas sont facturés chaque mois à terme échu');
      // Before the season, the season's first month is the one to book.
      expect(text).toContain(
        'Réserver les repas : https://portail.example.fr/famille/reservations/enfants/01900000-0000-7000-8000-000000000006?mois=2026-09',
      );
    });

    it('morning care, automatic: days of presence recorded at once', () => {
      const text = accepted(
        {
          kind: 'activity-booking',
          activityCode: 'accueil-matin',
          activityName: 'Accueil du matin',
          billing: 'post-billing',
        },
        { automatic: true },
      );
      expect(text).toContain(
        'Elle ne demande pas de validation par le service : elle est acceptée.',
      );
      expect(text).toContain(
        "Vous pouvez dès maintenant indiquer les jours de présence d'Hugo (accueil du matin) du 1er septembre 2026 au 31 août 2027",
      );
      expect(text).toContain('Vos réservations sont enregistrées aussitôt');
    });

    it('Wednesdays, pre-billed: paid at booking', () => {
      const text = accepted({
        kind: 'activity-booking',
        activityCode: 'mercredis',
        activityName: 'Mercredis - accueil de loisirs',
        billing: 'pre-billing',
      });
      expect(text).toContain("réserver les mercredis d'Hugo à l'accueil de loisirs");
      expect(text).toContain(
        'Paiement à la réservation : chaque mercredi se paie en ligne, par carte bancaire',
      );
      expect(text).not.toContain('terme échu');
    });

    it('the conservatoire: a confirmed registration, not "réserver … d\'après la présence"', () => {
      const text = accepted({
        kind: 'activity-booking',
        activityCode: 'conservatoire',
        activityName: 'Conservatoire de musique',
        billing: 'post-billing',
      });
      expect(text).toContain(
        "L'inscription d'Hugo au conservatoire est confirmée du 1er septembre 2026 au 31 août 2027.",
      );
      expect(text).not.toMatch(/réserver|présence/i);
    });

    it('summer weeks, pre-billed: weeks to book, paid at booking', () => {
      const text = accepted({
        kind: 'activity-booking',
        activityCode: 'sports-vacances-ete',
        activityName: '100% Sports vacances été',
        billing: 'pre-billing',
      });
      expect(text).toContain(
        "Vous pouvez dès maintenant réserver les semaines d'Hugo (« 100% Sports vacances été »)",
      );
      expect(text).toContain('Paiement à la réservation : chaque semaine se paie');
    });

    it("includes the agent's message, and no doubled words anywhere", () => {
      const text = accepted(
        {
          kind: 'activity-booking',
          activityCode: 'restauration-scolaire',
          activityName: 'Restauration scolaire',
          billing: 'post-billing',
        },
        { message: 'Le PAI est à renouveler en janvier.' },
      );
      expect(text).toContain('Message du service :\nLe PAI est à renouveler en janvier.');
      expect(text).not.toMatch(/\b(\p{L}+) \1\b/iu);
      expect(text).not.toMatch(/\b(de|le|la) [aeiouéèh]/i);
    });
  });
});
