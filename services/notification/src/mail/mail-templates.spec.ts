import { retryDelayMs } from './mail-sender';
import { emailVerificationMail, escapeHtml, portalLink, type MailBranding } from './mail-templates';

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
    expect(mail.text).toContain("valable jusqu'au 1 juillet 2026 à 10:30");
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
