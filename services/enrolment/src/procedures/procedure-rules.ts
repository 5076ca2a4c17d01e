import {
  ACTIVITY_CODE_PATTERN,
  DOCUMENT_TYPES,
  GRANT_KINDS,
  isCalendarDate,
  MAX_REQUIRED_DOCUMENTS,
  RESIDENCE_RULES,
  SCHOOL_LEVELS,
  seasonBounds,
  todayInParis,
  type CommuneOfResidence,
  type Eligibility,
  type FieldError,
  type ProcedureGrant,
  type RequiredDocument,
  type SchoolLevel,
} from '@portail/contracts';

/**
 * Problems of the parts of a procedure. CreateProcedureCommand already checks their shapes; these
 * checks stay for what it cannot see (a document type asked twice, ages in order, an activity on
 * a grant that is not a booking) and for the demo procedures, checked before any message.
 */
export function procedureRuleErrors(parts: {
  requiredDocuments?: RequiredDocument[];
  eligibility?: Eligibility;
  grant?: ProcedureGrant;
}): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (parts.requiredDocuments !== undefined) {
    const documents = parts.requiredDocuments;
    if (!Array.isArray(documents) || documents.length > MAX_REQUIRED_DOCUMENTS) {
      add(
        'requiredDocuments',
        `Les pièces demandées sont une liste de ${MAX_REQUIRED_DOCUMENTS} types au plus.`,
      );
    } else {
      const seen = new Set<string>();
      documents.forEach((document, index) => {
        if (!(DOCUMENT_TYPES as readonly string[]).includes(document?.documentType)) {
          add(
            `requiredDocuments[${index}].documentType`,
            `Le type de pièce doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`,
          );
        } else if (seen.has(document.documentType)) {
          add(
            `requiredDocuments[${index}].documentType`,
            'Ce type de pièce est demandé deux fois.',
          );
        } else {
          seen.add(document.documentType);
        }
        if (typeof document?.required !== 'boolean') {
          add(`requiredDocuments[${index}].required`, 'required doit valoir true ou false.');
        }
        if (
          document?.help != null &&
          (typeof document.help !== 'string' || document.help.length > 500)
        ) {
          add(`requiredDocuments[${index}].help`, "L'aide est un texte de 500 caractères au plus.");
        }
      });
    }
  }
  const eligibility = parts.eligibility;
  if (eligibility !== undefined) {
    if (typeof eligibility !== 'object' || eligibility === null) {
      add('eligibility', "Les conditions d'accès doivent être un objet.");
    } else {
      for (const bound of ['minAgeYears', 'maxAgeYears'] as const) {
        const value = eligibility[bound];
        if (value != null && (!Number.isInteger(value) || value < 0 || value > 25)) {
          add(`eligibility.${bound}`, "L'âge est un nombre entier d'années entre 0 et 25.");
        }
      }
      if (
        eligibility.minAgeYears != null &&
        eligibility.maxAgeYears != null &&
        eligibility.minAgeYears > eligibility.maxAgeYears
      ) {
        add('eligibility.minAgeYears', "L'âge minimal ne peut pas dépasser l'âge maximal.");
      }
      if (eligibility.ageOn != null && !isCalendarDate(eligibility.ageOn)) {
        add('eligibility.ageOn', 'La date de référence de l’âge doit être une date AAAA-MM-JJ.');
      }
      if (
        eligibility.schoolLevels != null &&
        (!Array.isArray(eligibility.schoolLevels) ||
          !eligibility.schoolLevels.every((level) =>
            (SCHOOL_LEVELS as readonly string[]).includes(level),
          ))
      ) {
        add(
          'eligibility.schoolLevels',
          `Les niveaux doivent être parmi : ${SCHOOL_LEVELS.join(', ')}.`,
        );
      }
      if (
        eligibility.residence !== undefined &&
        !(RESIDENCE_RULES as readonly string[]).includes(eligibility.residence)
      ) {
        add('eligibility.residence', 'La condition de résidence doit être any ou organisation.');
      }
    }
  }
  const grant = parts.grant;
  if (grant !== undefined) {
    if (
      typeof grant !== 'object' ||
      grant === null ||
      !(GRANT_KINDS as readonly string[]).includes(grant.kind)
    ) {
      add(
        'grant.kind',
        `Ce que donne l'acceptation doit être l'un de : ${GRANT_KINDS.join(', ')}.`,
      );
    } else if (grant.kind === 'activity-booking') {
      if (
        typeof grant.activityCode !== 'string' ||
        !ACTIVITY_CODE_PATTERN.test(grant.activityCode)
      ) {
        add(
          'grant.activityCode',
          "Le code d'activité (minuscules, chiffres, tirets) est obligatoire pour un droit de réservation.",
        );
      }
      if (
        typeof grant.activityName !== 'string' ||
        !grant.activityName.trim() ||
        grant.activityName.length > 200
      ) {
        add('grant.activityName', "Le nom de l'activité est obligatoire (200 caractères au plus).");
      }
      if (
        grant.billing != null &&
        grant.billing !== 'pre-billing' &&
        grant.billing !== 'post-billing'
      ) {
        add('grant.billing', 'La facturation est pre-billing ou post-billing.');
      }
    } else if (grant.activityCode != null || grant.activityName != null || grant.billing != null) {
      add('grant', 'Seul un droit de réservation porte une activité et un mode de facturation.');
    }
  }
  return errors;
}

/** Age in whole years on a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface EligibilitySubject {
  birthDate: string;
  schoolLevel: SchoolLevel | null;
  /** The guardians' communes of residence. */
  communes: CommuneOfResidence[];
}

/** Why a child may not apply (French, for the family); empty when eligible. */
export function eligibilityProblems(
  eligibility: Eligibility,
  procedure: { season: string; organisationId: string; organisationName: string },
  child: EligibilitySubject,
): string[] {
  const problems: string[] = [];
  const day = eligibility.ageOn ?? seasonBounds(procedure.season).startsOn;
  const age = ageOn(child.birthDate, day);
  const [year, month, date] = day.split('-');
  const on = `au ${date}/${month}/${year}`;
  if (eligibility.minAgeYears != null && age < eligibility.minAgeYears) {
    problems.push(`L'enfant doit avoir au moins ${eligibility.minAgeYears} ans ${on}.`);
  }
  if (eligibility.maxAgeYears != null && age > eligibility.maxAgeYears) {
    problems.push(`L'enfant doit avoir au plus ${eligibility.maxAgeYears} ans ${on}.`);
  }
  const levels = eligibility.schoolLevels ?? [];
  if (levels.length && (!child.schoolLevel || !levels.includes(child.schoolLevel))) {
    problems.push(
      `Cette démarche est réservée aux élèves de ${levels.join(', ')}${
        child.schoolLevel ? '' : ' : renseignez la classe de l’enfant dans votre espace'
      }.`,
    );
  }
  if (
    eligibility.residence === 'organisation' &&
    !child.communes.some((commune) => commune.organisationId === procedure.organisationId)
  ) {
    problems.push(
      `Cette démarche est réservée aux familles résidant à ${procedure.organisationName}.`,
    );
  }
  return problems;
}

/** Whether a procedure takes applications now (published and inside its window). */
export function isOpen(
  procedure: { status: string; opensAt: Date; closesAt: Date },
  now: Date = new Date(),
): boolean {
  return procedure.status === 'published' && procedure.opensAt <= now && now < procedure.closesAt;
}

export { todayInParis };
