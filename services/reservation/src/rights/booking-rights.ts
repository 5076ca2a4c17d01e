import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReservationErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { BookingRight } from './booking-right.entity';

export class ChildNotFoundException extends DomainException {
  constructor() {
    super(
      ReservationErrorCode.BOOKING_CHILD_NOT_FOUND,
      "Cet enfant n'a aucun droit de réservation dans votre foyer.",
    );
  }
}

/** Whether a right covers a day: within its validity, before it ended. */
export function covers(right: BookingRight, day: string): boolean {
  return (
    right.validFrom <= day && day <= right.validUntil && (!right.endedOn || day < right.endedOn)
  );
}

/** The child's right to the activity on `day`, or NO_BOOKING_RIGHT (`rights` are one child's). */
export function rightOn(
  rights: BookingRight[],
  activity: { code: string; organisationId: string; name: string },
  day: string,
): BookingRight {
  const right = rights.find(
    (candidate) =>
      candidate.activityCode === activity.code &&
      candidate.organisationId === activity.organisationId &&
      covers(candidate, day),
  );
  if (!right) {
    throw new DomainException(
      ReservationErrorCode.NO_BOOKING_RIGHT,
      `${rights[0].childFirstName} n'a pas de droit de réservation pour ${activity.name} à cette date.`,
      { day },
    );
  }
  return right;
}

/**
 * The booking rights a family reads: those whose household lists the caller's account (the
 * family accounts came in enrolment's event). Another household's child is not found (404).
 */
@Injectable()
export class BookingRights {
  constructor(private readonly dataSource: DataSource) {}

  async ofChild(
    caller: Caller,
    childId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BookingRight[]> {
    if (caller.kind !== 'family') throw new ChildNotFoundException();
    const rights = await manager
      .getRepository(BookingRight)
      .createQueryBuilder('r')
      .where('r.child_id = :childId', { childId })
      .andWhere(':account = ANY(r.account_ids)', { account: caller.accountId })
      .orderBy('r.valid_from')
      .limit(100)
      .getMany();
    if (!rights.length) throw new ChildNotFoundException();
    return rights;
  }
}
