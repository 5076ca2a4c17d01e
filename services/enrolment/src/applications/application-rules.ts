import { EnrolmentErrorCode, type FieldError, type HouseholdProfile } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import type { EntityManager } from 'typeorm';
import type { Procedure } from '../procedures/procedure.entity';
import { eligibilityProblems, isOpen } from '../procedures/procedure-rules';

/*
 * Enrolment's rules for an application, in one place: when a procedure takes applications,
 * which child may apply, and how places are taken and given back. The use cases (save a draft,
 * submit, decide, withdraw) only call them.
 */

type OpenWindow = Pick<Procedure, 'title' | 'status' | 'opensAt' | 'closesAt'>;

/** Refuses (PROCEDURE_NOT_OPEN) a procedure that is not published or outside its window. */
export function assertOpen(procedure: OpenWindow, now = new Date()): void {
  if (isOpen(procedure, now)) return;
  const format = (date: Date) =>
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
  const message =
    now < procedure.opensAt
      ? `Les inscriptions à « ${procedure.title} » ouvriront le ${format(procedure.opensAt)}.`
      : `Les inscriptions à « ${procedure.title} » sont closes depuis le ${format(procedure.closesAt)}.`;
  throw new DomainException(EnrolmentErrorCode.PROCEDURE_NOT_OPEN, message, {
    opensAt: procedure.opensAt.toISOString(),
    closesAt: procedure.closesAt.toISOString(),
  });
}

type EligibilityRules = Pick<
  Procedure,
  'eligibility' | 'season' | 'organisationId' | 'organisationName'
>;

/** Refuses (CHILD_NOT_ELIGIBLE, every reason in details) a child outside the conditions. */
export function assertEligible(
  procedure: EligibilityRules,
  child: HouseholdProfile['children'][number],
  household: Pick<HouseholdProfile, 'communes'>,
): void {
  const problems = eligibilityProblems(procedure.eligibility, procedure, {
    birthDate: child.birthDate,
    schoolLevel: child.schoolLevel,
    communes: household.communes,
  });
  if (problems.length) {
    throw new DomainException(
      EnrolmentErrorCode.CHILD_NOT_ELIGIBLE,
      `${child.firstName} ne remplit pas les conditions de cette démarche : ${problems.join(' ')}`,
      { reasons: problems },
    );
  }
}

/** Answers or documents that do not fit the procedure (APPLICATION_INCOMPLETE, field by field). */
export function incomplete(fields: FieldError[]): DomainException {
  return new DomainException(
    EnrolmentErrorCode.APPLICATION_INCOMPLETE,
    'Certaines réponses ou pièces de la demande sont à corriger.',
    { fields },
  );
}

/** What the place rules need of a transaction: its queries. */
export type PlaceLedger = Pick<EntityManager, 'query'>;

/**
 * Takes one place of the procedure, or refuses when none is left (PROCEDURE_FULL). A conditional
 * UPDATE on the procedure row: never more than its capacity, however many submit at once.
 */
export async function takePlace(
  manager: PlaceLedger,
  procedure: Pick<Procedure, 'id' | 'title' | 'capacity'>,
): Promise<void> {
  // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
  const taken = await manager.query<Array<{ places_taken: number }>>(
    `WITH taken AS (
       UPDATE procedures SET places_taken = places_taken + 1
        WHERE id = $1 AND (capacity IS NULL OR places_taken < capacity)
        RETURNING places_taken)
     SELECT places_taken FROM taken`,
    [procedure.id],
  );
  if (!taken.length) {
    throw new DomainException(
      EnrolmentErrorCode.PROCEDURE_FULL,
      `Toutes les places de « ${procedure.title} » sont prises.`,
      { capacity: procedure.capacity },
    );
  }
}

/** Gives back the place an application holds (refused or withdrawn); nothing when it holds none. */
export async function releasePlace(
  manager: PlaceLedger,
  application: { procedureId: string; holdsPlace: boolean },
): Promise<void> {
  if (!application.holdsPlace) return;
  await manager.query(
    'UPDATE procedures SET places_taken = places_taken - 1 WHERE id = $1 AND places_taken > 0',
    [application.procedureId],
  );
  application.holdsPlace = false;
}
