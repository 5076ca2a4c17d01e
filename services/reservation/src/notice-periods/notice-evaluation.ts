import type { DateTime } from 'luxon';
import { deadlineOf, isOnTime } from './notice-deadline';
import type { NoticeRule, Slot } from './notice-rule';
import { frenchDeadline, frenchSlotDay } from './notice-texts';
import type { WorkingDays } from './working-days';

export interface BookingOptions {
  /** The unit lets an agent decide on a request past the deadline instead of refusing it. */
  readonly allowsLateRequests: boolean;
}

export type BookingEvaluation =
  | { readonly outcome: 'accepted'; readonly deadline: DateTime }
  | {
      readonly outcome: 'refused' | 'pending';
      readonly deadline: DateTime;
      readonly message: string;
    };

export type CancellationEvaluation =
  | { readonly late: false; readonly deadline: DateTime }
  | { readonly late: true; readonly deadline: DateTime; readonly message: string };

/**
 * Whether a booking request made at `now` meets the notice period: accepted on time; past the
 * deadline, refused, or left to an agent when the unit allows late requests. Either message names
 * the deadline that applied, so the family knows which rule it missed.
 */
export function evaluate(
  rule: NoticeRule,
  slot: Slot,
  now: DateTime | Date,
  workingDays: WorkingDays,
  options: BookingOptions,
): BookingEvaluation {
  const deadline = deadlineOf(rule, slot, workingDays);
  if (isOnTime(deadline, now)) return { outcome: 'accepted', deadline };
  const day = frenchSlotDay(slot.day);
  const until = frenchDeadline(deadline);
  return options.allowsLateRequests
    ? {
        outcome: 'pending',
        deadline,
        message:
          `Les réservations pour le ${day} étaient possibles jusqu'au ${until}. ` +
          'Votre demande, arrivée après ce délai, sera examinée par le service.',
      }
    : {
        outcome: 'refused',
        deadline,
        message: `Les réservations pour le ${day} étaient possibles jusqu'au ${until}.`,
      };
}

/**
 * Whether a cancellation made at `now` meets the notice period. A late cancellation is not
 * refused: the family may always give a place back, but it is flagged late (it may be billed).
 */
export function evaluateCancellation(
  rule: NoticeRule,
  slot: Slot,
  now: DateTime | Date,
  workingDays: WorkingDays,
): CancellationEvaluation {
  const deadline = deadlineOf(rule, slot, workingDays);
  if (isOnTime(deadline, now)) return { late: false, deadline };
  return {
    late: true,
    deadline,
    message:
      `Annulation tardive : les annulations pour le ${frenchSlotDay(slot.day)} ` +
      `étaient possibles jusqu'au ${frenchDeadline(deadline)}.`,
  };
}
