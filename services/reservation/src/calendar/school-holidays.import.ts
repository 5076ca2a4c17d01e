import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { addDays, PARIS_ZONE, type ParisDay } from './paris-day';
import type { SchoolHolidayPeriod, SchoolHolidaysData } from './school-holidays';

/** Columns of the national open-data export "Calendrier scolaire" that the import reads. */
const REQUIRED_COLUMNS = [
  'description',
  'population',
  'start_date',
  'end_date',
  'location',
  'zones',
  'annee_scolaire',
] as const;

type Row = Record<(typeof REQUIRED_COLUMNS)[number], string>;

/** `-` is everyone; `Enseignants` rows (teachers' pre-term days…) are not pupils' holidays. */
const PUPILS_POPULATIONS = new Set(['-', 'Élèves']);
const TEACHERS_POPULATION = 'Enseignants';

/** A row whose start equals its end and whose description says so only opens a period. */
const OPEN_END_PREFIX = /^Début des\s+/i;

export const DEFAULT_SCHOOL_HOLIDAYS_SOURCE =
  "Export « Calendrier scolaire » du ministère de l'Éducation nationale (données ouvertes), " +
  'importé par `npm run import:school-holidays`';

function fail(line: number, message: string): never {
  throw new Error(`Calendrier scolaire, ligne ${line} : ${message}`);
}

/** The export writes the Paris midnight of each day as a UTC instant. */
function parisDayOfInstant(value: string, line: number, column: string): ParisDay {
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!instant.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    fail(line, `${column} « ${value} » n'est pas un instant ISO 8601 avec fuseau`);
  }
  const day = instant.setZone(PARIS_ZONE).toISODate();
  if (day === null) fail(line, `${column} « ${value} » hors calendrier`);
  return day;
}

function periodOf(row: Row, line: number): SchoolHolidayPeriod {
  const firstDay = parisDayOfInstant(row.start_date, line, 'start_date');
  const resumeDay = parisDayOfInstant(row.end_date, line, 'end_date');
  const name = row.description;
  if (resumeDay < firstDay) fail(line, `end_date précède start_date`);
  if (resumeDay > firstDay) {
    // end_date is the day classes resume.
    return { name, firstDay, lastDay: addDays(resumeDay, -1) };
  }
  if (OPEN_END_PREFIX.test(name)) {
    const endYear = row.annee_scolaire.slice(5);
    const lastDay = `${endYear}-08-31`;
    if (lastDay < firstDay) fail(line, `« ${name} » commence après la fin de l'année scolaire`);
    return { name: name.replace(OPEN_END_PREFIX, ''), firstDay, lastDay, openEnd: true };
  }
  // A single day off, such as a bridge day.
  return { name, firstDay, lastDay: firstDay };
}

function checkSchoolYear(value: string, line: number): void {
  const match = /^(\d{4})-(\d{4})$/.exec(value);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    fail(line, `annee_scolaire « ${value} » invalide (attendu : AAAA-AAAA)`);
  }
}

/**
 * Turns an export of "Calendrier scolaire" (semicolon-separated, one row per académie) into the
 * normalised pupils' holidays, by location and school year, in Paris days.
 */
export function importSchoolHolidaysCsv(
  csv: string,
  source: string = DEFAULT_SCHOOL_HOLIDAYS_SOURCE,
): SchoolHolidaysData {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      delimiter: ';',
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new Error(
      `Calendrier scolaire illisible : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0) {
    throw new Error(
      `Calendrier scolaire : colonnes manquantes (${missing.join(', ') || 'aucune ligne'})`,
    );
  }

  const locations: SchoolHolidaysData['locations'] = {};
  records.forEach((record, index) => {
    const row = record as Row;
    const line = index + 2; // 1-based, after the header
    if (row.population === TEACHERS_POPULATION) return;
    if (!PUPILS_POPULATIONS.has(row.population)) {
      fail(line, `population « ${row.population} » inconnue`);
    }
    if (!row.location) fail(line, 'location vide');
    checkSchoolYear(row.annee_scolaire, line);
    const period = periodOf(row, line);
    const location = (locations[row.location] ??= { zone: row.zones, schoolYears: {} });
    if (location.zone !== row.zones) {
      fail(line, `${row.location} est en « ${location.zone} » et « ${row.zones} »`);
    }
    const periods = (location.schoolYears[row.annee_scolaire] ??= []);
    // Rows repeat (one per académie, sometimes twice with population `-` and `Élèves`).
    const duplicate = periods.some(
      (known) =>
        known.name === period.name &&
        known.firstDay === period.firstDay &&
        known.lastDay === period.lastDay,
    );
    if (!duplicate) periods.push(period);
  });

  return { source, locations: sortedLocations(locations) };
}

/** Sorted keys and periods, so that a re-import of the same file changes nothing in git. */
function sortedLocations(
  locations: SchoolHolidaysData['locations'],
): SchoolHolidaysData['locations'] {
  const sorted: SchoolHolidaysData['locations'] = {};
  for (const name of Object.keys(locations).sort()) {
    const { zone, schoolYears } = locations[name];
    const years: Record<string, SchoolHolidayPeriod[]> = {};
    for (const year of Object.keys(schoolYears).sort()) {
      years[year] = [...schoolYears[year]].sort(
        (a, b) => a.firstDay.localeCompare(b.firstDay) || a.lastDay.localeCompare(b.lastDay),
      );
    }
    sorted[name] = { zone, schoolYears: years };
  }
  return sorted;
}
