import { pdfText } from '../../../../test/support/pdf-text';
import {
  renderRegistrationCertificate,
  type RegistrationCertificateInput,
} from './registration-certificate';

function aCertificate(
  overrides: Partial<RegistrationCertificateInput> = {},
): RegistrationCertificateInput {
  return {
    organisationName: 'Bellerive-sur-Allier',
    municipalServiceName: 'Service éducation',
    reference: 'D-2026-000123',
    child: { firstName: 'François', lastName: 'Lefèvre', birthDate: '2021-03-12' },
    school: {
      name: 'École maternelle Jean Zay',
      address: 'Rue de la Perche, 03700 Bellerive-sur-Allier',
    },
    season: '2026-2027',
    // 23:30 in UTC on 30 November is already 1 December in Paris.
    issuedAt: new Date('2026-11-30T23:30:00Z'),
    contactLines: ['04 70 58 87 10 – education@ville-bellerive-sur-allier.fr'],
    ...overrides,
  };
}

describe('school registration certificate', () => {
  it('names the child, the assigned school and the school year, accents included', async () => {
    const pdf = await renderRegistrationCertificate(aCertificate());

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Certificat d’inscription scolaire');
    expect(text).toContain(
      'La commune de Bellerive-sur-Allier certifie que l’enfant François LEFÈVRE, né(e) le 12/03/2021, est inscrit(e) à l’École maternelle Jean Zay (Rue de la Perche, 03700 Bellerive-sur-Allier) pour l’année scolaire 2026-2027.',
    );
    expect(text).toContain('École maternelle Jean Zay');
    expect(text).toContain('Rue de la Perche, 03700 Bellerive-sur-Allier');
    expect(text).toContain('Année scolaire 2026-2027');
    expect(text).toContain('D-2026-000123');
    expect(text).toContain(
      'munie du présent certificat, du carnet de santé de l’enfant et du livret de famille',
    );
    expect(text).toContain('admission définitive');
    expect(text).toContain('Fait à Bellerive-sur-Allier, le 1er décembre 2026');
    expect(text).toContain('« Portail Famille »');
    expect(text).toContain('Service éducation');
  });

  it('says "à l’école" before a name that does not, and elides "de" before a vowel', async () => {
    const text = await pdfText(
      await renderRegistrationCertificate(
        aCertificate({
          organisationName: 'Abrest',
          school: { name: 'Les Tilleuls', address: '5 allée des Tilleuls, 03200 Abrest' },
          issuedAt: new Date('2026-11-26T10:00:00Z'),
        }),
      ),
    );
    expect(text).toContain('La commune d’Abrest certifie');
    expect(text).toContain('inscrit(e) à l’école Les Tilleuls (5 allée des Tilleuls');
    expect(text).toContain('le 26 novembre 2026');
  });

  it('lets an intercommunality certify under its own name', async () => {
    const text = await pdfText(
      await renderRegistrationCertificate(
        aCertificate({
          organisationName: 'Vichy Communauté',
          organisationKind: 'intercommunality',
        }),
      ),
    );
    expect(text).toContain('Vichy Communauté certifie que l’enfant');
  });

  it('prints names outside the standard fonts’ characters with their base letters', async () => {
    const text = await pdfText(
      await renderRegistrationCertificate(
        aCertificate({
          child: { firstName: 'Łucja', lastName: 'Nguyễn', birthDate: '2021-03-12' },
        }),
      ),
    );
    expect(text).toContain('l’enfant Lucja NGUYEN, né(e) le 12/03/2021');
  });

  it('is dated by its issue, so the same certificate gives the same bytes', async () => {
    const first = await renderRegistrationCertificate(aCertificate());
    const second = await renderRegistrationCertificate(aCertificate());
    expect(second.equals(first)).toBe(true);
    // The Info dictionary's CreationDate and ModDate (indirect objects, not compressed).
    expect(first.toString('latin1')).toContain('(D:20261130233000Z)');
  });

  it('refuses a malformed birth date or season', async () => {
    await expect(
      renderRegistrationCertificate(
        aCertificate({ child: { firstName: 'Léa', lastName: 'Roux', birthDate: '12/03/2021' } }),
      ),
    ).rejects.toThrow('Invalid date');
    await expect(
      renderRegistrationCertificate(aCertificate({ season: '2026-2028' })),
    ).rejects.toThrow('Invalid season');
  });
});
