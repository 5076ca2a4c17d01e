import type { SchoolKind } from './directory';
import type { SchoolLevel } from './households';

const MATERNELLE_LEVELS: readonly SchoolLevel[] = ['TPS', 'PS', 'MS', 'GS'];
const ELEMENTAIRE_LEVELS: readonly SchoolLevel[] = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];

const PUPILS: Record<SchoolKind, string> = {
  maternelle: 'de la maternelle (de la toute petite à la grande section)',
  elementaire: "de l'élémentaire (du CP au CM2)",
};
const STAGE: Record<SchoolKind, string> = {
  maternelle: 'de la maternelle',
  elementaire: "de l'élémentaire",
};

/** The kind of school a class level belongs to; null past CM2 (collège, lycée). */
export function schoolKindOfLevel(level: SchoolLevel): SchoolKind | null {
  if (MATERNELLE_LEVELS.includes(level)) return 'maternelle';
  if (ELEMENTAIRE_LEVELS.includes(level)) return 'elementaire';
  return null;
}

/**
 * The kind of school a child attends in the school year starting in September of `schoolYear`,
 * by its year of birth, as French schools place children: maternelle the years it turns 2 (toute
 * petite section) to 5, élémentaire the years it turns 6 (CP) to 10 (CM2); null otherwise.
 */
export function schoolKindOfAge(birthDate: string, schoolYear: number): SchoolKind | null {
  const age = schoolYear - Number(birthDate.slice(0, 4));
  if (age >= 2 && age <= 5) return 'maternelle';
  if (age >= 6 && age <= 10) return 'elementaire';
  return null;
}

/** The school year (its first September) a day falls in: 2026-10-05 → 2026, 2027-03-01 → 2026. */
export function schoolYearOfDay(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? year : year - 1;
}

/**
 * Why a school does not fit a child (in French, for the person assigning it), or null when it
 * does. The class level decides when known, else the age in that school year. With
 * `levelMayBeStale` (a pre-registration for next season, where the level known is this year's),
 * a school that fits either the level or the age is accepted.
 */
export function schoolMisfit(
  school: { name: string; kind: SchoolKind },
  child: { firstName: string; birthDate: string; schoolLevel: SchoolLevel | null },
  schoolYear: number,
  options: { levelMayBeStale?: boolean } = {},
): string | null {
  const byAge = schoolKindOfAge(child.birthDate, schoolYear);
  const expected = child.schoolLevel ? schoolKindOfLevel(child.schoolLevel) : byAge;
  if (expected === school.kind) return null;
  if (options.levelMayBeStale && byAge === school.kind) return null;
  const who = child.schoolLevel
    ? `${child.firstName} (en ${child.schoolLevel})`
    : `${child.firstName} (année de naissance ${child.birthDate.slice(0, 4)})`;
  const fit = expected
    ? `relève ${STAGE[expected]}`
    : "ne relève ni de la maternelle ni de l'élémentaire";
  return `« ${school.name} » accueille les élèves ${PUPILS[school.kind]} : à la rentrée ${schoolYear}, ${who} ${fit}.`;
}
