import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSchoolHolidaysCsv } from './school-holidays.import';

const DATA_DIR = join(__dirname, '../../data');
const vendoredCsv = readFileSync(join(DATA_DIR, 'calendrier-scolaire.csv'), 'utf8');
const HEADER = 'description;population;start_date;end_date;location;zones;annee_scolaire';

function csvOf(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

/*
 * Expected days are read off the CSV rows themselves (a Paris midnight written in UTC: 22:00Z
 * in summer time, 23:00Z in winter time), and weekdays off a printed calendar.
 */
describe('import of the "Calendrier scolaire" export', () => {
  const imported = importSchoolHolidaysCsv(vendoredCsv);
  const clermont = imported.locations['Clermont-Ferrand'];

  it('classes resume on Monday 2 November 2026: the last Toussaint day is Sunday 1 November', () => {
    // Row: 2026-10-16T22:00:00+00:00 → 2026-11-01T23:00:00+00:00 (after the clock change).
    expect(clermont.schoolYears['2026-2027'][0]).toEqual({
      name: 'Vacances de la Toussaint',
      firstDay: '2026-10-17',
      lastDay: '2026-11-01',
    });
  });

  it('a teachers-only row is not a pupils’ holiday: Toussaint 2025 starts Saturday 18 October', () => {
    // The `Enseignants` row starts on 2025-10-16T22:00Z (Friday 17) and ends a day later.
    const toussaint = clermont.schoolYears['2025-2026'].filter(
      (period) => period.name === 'Vacances de la Toussaint',
    );
    expect(toussaint).toEqual([
      { name: 'Vacances de la Toussaint', firstDay: '2025-10-18', lastDay: '2025-11-02' },
    ]);
  });

  it('a file of teachers-only rows gives no pupils’ holiday', () => {
    const data = importSchoolHolidaysCsv(
      csvOf(
        'Vacances de la Toussaint;Enseignants;2025-10-16T22:00:00+00:00;2025-11-03T23:00:00+00:00;Clermont-Ferrand;Zone A;2025-2026',
      ),
    );
    expect(data.locations).toEqual({});
  });

  it('summer 2027 starts Saturday 3 July and, with no published end, runs to 31 August', () => {
    // Row "Début des Vacances d'Été": start and end both 2027-07-02T22:00:00+00:00.
    expect(clermont.schoolYears['2026-2027'].at(-1)).toEqual({
      name: "Vacances d'Été",
      firstDay: '2027-07-03',
      lastDay: '2027-08-31',
      openEnd: true,
    });
  });

  it('summer 2026 runs from Saturday 4 July to Monday 31 August (classes resume 1 September)', () => {
    expect(clermont.schoolYears['2025-2026'].at(-1)).toEqual({
      name: "Vacances d'Été",
      firstDay: '2026-07-04',
      lastDay: '2026-08-31',
    });
  });

  it('the 2026 Ascension bridge runs from Thursday 14 to Sunday 17 May', () => {
    expect(clermont.schoolYears['2025-2026']).toContainEqual({
      name: "Pont de l'Ascension",
      firstDay: '2026-05-14',
      lastDay: '2026-05-17',
    });
  });

  it('a row whose start equals its end is a single day: the 2027 Ascension bridge is Friday 7 May', () => {
    expect(clermont.schoolYears['2026-2027']).toContainEqual({
      name: "Pont de l'Ascension",
      firstDay: '2027-05-07',
      lastDay: '2027-05-07',
    });
  });

  it('Christmas 2025 starts Saturday 20 December (23:00 UTC on the 19th in winter)', () => {
    expect(clermont.schoolYears['2025-2026'][1]).toEqual({
      name: 'Vacances de Noël',
      firstDay: '2025-12-20',
      lastDay: '2026-01-04',
    });
  });

  it('each académie gets its own calendar, in its zone, with six periods a year', () => {
    expect(Object.keys(imported.locations)).toEqual(['Clermont-Ferrand', 'Lyon']);
    expect(clermont.zone).toBe('Zone A');
    expect(clermont.schoolYears['2025-2026']).toHaveLength(6);
    expect(clermont.schoolYears['2026-2027']).toHaveLength(6);
    expect(imported.locations['Lyon'].schoolYears).toEqual(clermont.schoolYears);
  });

  it('a row repeated in the export gives one period', () => {
    const row =
      "Vacances d'Hiver;-;2027-02-12T23:00:00+00:00;2027-02-28T23:00:00+00:00;Clermont-Ferrand;Zone A;2026-2027";
    const data = importSchoolHolidaysCsv(csvOf(row, row.replace(';-;', ';Élèves;')));
    expect(data.locations['Clermont-Ferrand'].schoolYears['2026-2027']).toEqual([
      { name: "Vacances d'Hiver", firstDay: '2027-02-13', lastDay: '2027-02-28' },
    ]);
  });

  it('the committed JSON is the import of the committed CSV', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(DATA_DIR, 'school-holidays.json'), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(imported)));
  });

  it('an unknown population, a missing column or a bad date is refused with its line', () => {
    expect(() =>
      importSchoolHolidaysCsv(
        csvOf(
          "Vacances d'Hiver;Parents;2027-02-12T23:00:00+00:00;2027-02-28T23:00:00+00:00;Lyon;Zone A;2026-2027",
        ),
      ),
    ).toThrow('ligne 2 : population « Parents » inconnue');
    expect(() => importSchoolHolidaysCsv('description;population\nx;-')).toThrow(
      'colonnes manquantes (start_date, end_date, location, zones, annee_scolaire)',
    );
    expect(() =>
      importSchoolHolidaysCsv(
        csvOf("Vacances d'Hiver;-;12/02/2027;2027-02-28T23:00:00+00:00;Lyon;Zone A;2026-2027"),
      ),
    ).toThrow('ligne 2 : start_date « 12/02/2027 »');
    expect(() =>
      importSchoolHolidaysCsv(
        csvOf(
          "Vacances d'Hiver;-;2027-02-28T23:00:00+00:00;2027-02-12T23:00:00+00:00;Lyon;Zone A;2026-2027",
        ),
      ),
    ).toThrow('end_date précède start_date');
  });

  it('a file that is not semicolon-separated CSV is refused', () => {
    expect(() => importSchoolHolidaysCsv(`${HEADER}\n"unterminated;-;x`)).toThrow(
      'Calendrier scolaire illisible',
    );
  });
});
