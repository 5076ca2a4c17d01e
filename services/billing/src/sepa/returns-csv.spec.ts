import { MAX_RETURNS_LINES } from '@portail/contracts';
import { SEPA_RETURN_REASONS, sepaReturnLabel } from '@portail/contracts';
import { earliestCollectionDate, isTargetBusinessDay } from './collection-calendar';
import { parseReturnsCsv } from './returns-csv';

describe('SEPA returns file', () => {
  it('reads the documented CSV, `;` or `,`, with French labels of the reason codes', () => {
    const parsed = parseReturnsCsv(
      '\uFEFFreference;montant;motif;date\r\nPF0001;12,40;AM04;2026-11-23\r\nPF0002;5;MD01;24/11/2026\r\n\r\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        reference: 'PF0001',
        amountCents: 1240,
        reasonCode: 'AM04',
        reasonLabel: 'Provision insuffisante',
        returnedOn: '2026-11-23',
      },
      {
        line: 3,
        reference: 'PF0002',
        amountCents: 500,
        reasonCode: 'MD01',
        reasonLabel: 'Pas de mandat valide',
        returnedOn: '2026-11-24',
      },
    ]);
    expect(parseReturnsCsv('Reference,Montant,Motif,Date\nPF1,0.5,MS02,2026-11-23').rows).toEqual([
      expect.objectContaining({ amountCents: 50, reasonLabel: 'Refus du débiteur' }),
    ]);
  });

  it('refuses the whole file, saying which lines and why', () => {
    expect(parseReturnsCsv('ref;amount\nx').problems).toEqual([
      { line: 1, message: "L'en-tête doit être reference;montant;motif;date." },
    ]);
    const parsed = parseReturnsCsv(
      'reference;montant;motif;date\nPF1;12,40;AM04;2026-11-23\nPF&2;1;AM04;2026-11-23\nPF3;-1;AM04;2026-11-23\nPF4;1;am04;2026-11-23\nPF5;1;AM04;2026-02-30\nPF6;1',
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 7]);
    expect(
      parseReturnsCsv(`reference;montant;motif;date${'\n'.repeat(MAX_RETURNS_LINES)}`).problems,
    ).toEqual([
      {
        line: MAX_RETURNS_LINES + 1,
        message: 'Le fichier compte plus de 2\u202f000 lignes : importez-le en plusieurs fois.',
      },
    ]);
  });

  it('labels the reason codes in French and says which revoke the mandate', () => {
    expect(sepaReturnLabel('AC04')).toBe('Compte clôturé');
    expect(sepaReturnLabel('ZZ99')).toBe('Motif bancaire ZZ99');
    const revoking = Object.entries(SEPA_RETURN_REASONS)
      .filter(([, reason]) => reason.revokes)
      .map(([code]) => code);
    expect(revoking).toEqual(expect.arrayContaining(['AC04', 'MD01', 'MD07']));
    expect(revoking).not.toContain('AM04');
    expect(revoking).not.toContain('MS02');
  });
});

describe('SEPA collection calendar', () => {
  it('knows the TARGET2 closing days', () => {
    expect(isTargetBusinessDay('2026-11-20')).toBe(true);
    expect(isTargetBusinessDay('2026-11-21')).toBe(false);
    expect(isTargetBusinessDay('2026-12-25')).toBe(false);
    expect(isTargetBusinessDay('2026-12-26')).toBe(false);
    expect(isTargetBusinessDay('2027-03-26')).toBe(false);
    expect(isTargetBusinessDay('2027-03-29')).toBe(false);
    expect(isTargetBusinessDay('2027-05-01')).toBe(false);
    // A French public holiday that TARGET2 keeps open.
    expect(isTargetBusinessDay('2026-11-11')).toBe(true);
  });

  it('puts the earliest collection the pre-notification delay ahead, on a business day', () => {
    expect(earliestCollectionDate('2026-11-03', 14)).toBe('2026-11-17');
    expect(earliestCollectionDate('2026-11-06', 14)).toBe('2026-11-20');
    expect(earliestCollectionDate('2026-11-07', 14)).toBe('2026-11-23');
    expect(earliestCollectionDate('2026-12-11', 14)).toBe('2026-12-28');
  });
});
