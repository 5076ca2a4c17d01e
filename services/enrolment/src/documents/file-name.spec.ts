import { sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it('keeps an ordinary French name as it is', () => {
    expect(sanitiseFileName('Attestation CAF – été 2026.pdf')).toBe(
      'Attestation CAF – été 2026.pdf',
    );
  });

  it('keeps only the last segment of a path', () => {
    expect(sanitiseFileName('C:\\Users\\camille\\Documents\\livret.pdf')).toBe('livret.pdf');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
  });

  it('replaces control, reserved and invisible direction characters', () => {
    expect(sanitiseFileName('a\r\nb"c<d>e|f?.pdf')).toBe('a__b_c_d_e_f_.pdf');
    expect(sanitiseFileName('facture\u202Efdp.exe')).toBe('facture_fdp.exe');
  });

  it('falls back to a neutral name when nothing is left', () => {
    expect(sanitiseFileName('  ...  ')).toBe('document');
    expect(sanitiseFileName('/', 'application/pdf')).toBe('document.pdf');
  });

  it('makes the extension match the type found in the bytes', () => {
    expect(sanitiseFileName('scan.pdf', 'image/png')).toBe('scan.png');
    expect(sanitiseFileName('photo', 'image/jpeg')).toBe('photo.jpg');
    expect(sanitiseFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(sanitiseFileName('rapport.docx', 'application/pdf')).toBe('rapport.docx.pdf');
  });

  it('shortens a very long name and keeps its extension', () => {
    const name = sanitiseFileName(`${'justificatif-'.repeat(30)}.pdf`, 'application/pdf');
    expect(name.length).toBeLessThanOrEqual(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
