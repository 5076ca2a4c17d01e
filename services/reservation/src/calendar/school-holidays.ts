import { z } from 'zod';
import { isParisDay, type ParisDay } from './paris-day';

/** A pupils' holiday period, both ends included, in Paris days. */
export interface SchoolHolidayPeriod {
  name: string;
  firstDay: ParisDay;
  lastDay: ParisDay;
  /**
   * The source gives only the first day ("Début des Vacances d'Été"): `lastDay` is then the end
   * of the school year (31 August), to be replaced when the next calendar is published.
   */
  openEnd?: true;
}

export interface SchoolHolidaysOfLocation {
  /** e.g. `Zone A`. */
  zone: string;
  /** By school year (`2025-2026`), periods sorted by first day. */
  schoolYears: Record<string, SchoolHolidayPeriod[]>;
}

/** The normalised school calendar, as committed in `services/reservation/data/school-holidays.json`. */
export interface SchoolHolidaysData {
  /** Where the data comes from, for whoever re-imports it. */
  source: string;
  /** By location (the académie, e.g. `Clermont-Ferrand`). */
  locations: Record<string, SchoolHolidaysOfLocation>;
}

const day = z.string().refine(isParisDay, { message: 'date AAAA-MM-JJ attendue' });

const periodSchema = z
  .object({
    name: z.string().min(1).max(200),
    firstDay: day,
    lastDay: day,
    openEnd: z.literal(true).optional(),
  })
  .refine((period) => period.firstDay <= period.lastDay, {
    message: 'le premier jour doit précéder le dernier',
  });

const schoolHolidaysSchema = z.object({
  source: z.string(),
  locations: z.record(
    z.string().min(1),
    z.object({
      zone: z.string(),
      schoolYears: z.record(z.string().regex(/^\d{4}-\d{4}$/), z.array(periodSchema)),
    }),
  ),
});

/**
 * Checks data read from a file (JSON import or a test's own), so that a hand edit that breaks
 * a date fails at start-up rather than in a booking rule.
 */
export function parseSchoolHolidaysData(value: unknown): SchoolHolidaysData {
  const parsed = schoolHolidaysSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Calendrier scolaire invalide : ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}
