import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { HandlesEvent } from '@portail/messaging';
import { Clock } from '@portail/service-kit';
import { parisDayOf } from '../calendar-and-notice';
import { BookingRight } from '../rights/booking-right.entity';
import { RightEnding } from '../rights/right-ending';

export const ANONYMOUS = 'Anonyme';

/**
 * A family closed its account (RGPD). Its children's rights end today (Paris) and every booking
 * from today on is cancelled as a withdrawal cancels them (not late; the freed places go to the
 * waiting lists); the rights lose the children's names and the family accounts; the calendar
 * feeds of the account and of the children stop at once (deleted); the bookings' messages and
 * the reasons of justified absences are erased. Past bookings and attendance stay, with ids
 * only: they are what billing invoiced (and may still invoice) for the days the children came.
 * Runs once per event (inbox), and changes nothing when run again.
 */
@Injectable()
export class ReservationAccountClosedHandler {
  constructor(
    private readonly ending: RightEnding,
    private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @HandlesEvent('identity.account.closed')
  async onAccountClosed(
    event: EventEnvelope<'identity.account.closed'>,
    manager: EntityManager,
  ): Promise<void> {
    const { id: accountId, householdId, childIds } = event.payload;
    await manager.query(
      'DELETE FROM calendar_feeds WHERE account_id = $1 OR child_id = ANY($2::uuid[])',
      [accountId, childIds],
    );
    if (!householdId) return;
    const now = this.clock.now();
    const today = parisDayOf(now);
    const rights = await manager
      .getRepository(BookingRight)
      .createQueryBuilder('r')
      .where('r.household_id = :householdId', { householdId })
      .orderBy('r.id')
      .setLock('pessimistic_write')
      .getMany();
    let cancelled = 0;
    for (const right of rights) {
      right.childFirstName = ANONYMOUS;
      right.childLastName = ANONYMOUS;
      right.accountIds = [];
      if (!right.endedOn || right.endedOn > today) right.endedOn = today;
      await manager.getRepository(BookingRight).update(
        { id: right.id },
        {
          childFirstName: ANONYMOUS,
          childLastName: ANONYMOUS,
          accountIds: [],
          endedOn: right.endedOn,
        },
      );
      cancelled += await this.ending.cancelBookingsFrom(manager, right, today, now);
    }
    await manager.query('UPDATE bookings SET message = NULL WHERE household_id = $1', [
      householdId,
    ]);
    await manager.query(
      `UPDATE attendance_records SET reason = $2
        WHERE household_id = $1 AND reason IS NOT NULL AND reason <> $2`,
      [householdId, ANONYMOUS],
    );
    this.logger.info(
      { accountId, householdId, rights: rights.length, cancelled },
      'Reservation data of a closed account erased',
    );
  }
}
