import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonErrorCode, ReservationErrorCode, type Caller } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { BookingRight } from '../rights/booking-right.entity';
import { BookingRights, ChildNotFoundException } from '../rights/booking-rights';

/**
 * Whose child: a family reads its own children's rights (another household's child is 404); an
 * agent at the counter the child's rights in its own services (a child known only to other
 * services is 403, an unknown child 404); an administrator every right.
 */
@Injectable()
export class ChildAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rights: BookingRights,
  ) {}

  async rightsOf(caller: Caller, childId: string): Promise<BookingRight[]> {
    if (caller.kind === 'family') return this.rights.ofChild(caller, childId);
    const rights = await this.dataSource
      .getRepository(BookingRight)
      .createQueryBuilder('r')
      .where('r.child_id = :childId', { childId })
      .orderBy('r.valid_from')
      .limit(100)
      .getMany();
    if (!rights.length) throw new ChildNotFoundException();
    if (caller.kind === 'admin') return rights;
    const own = rights.filter((right) => caller.serviceIds.includes(right.municipalServiceId));
    if (!own.length) {
      throw new DomainException(
        ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
        "Cet enfant n'a de droit de réservation que dans des services pour lesquels vous n'êtes pas habilité.",
      );
    }
    return own;
  }
}

/** Only agents (and administrators) override a notice deadline, at the counter. */
export function requireCounterCaller(caller: Caller, overrideDeadline: boolean | undefined): void {
  if (overrideDeadline && caller.kind === 'family') {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      'Seul un agent du service peut passer outre le délai de prévenance.',
    );
  }
}
