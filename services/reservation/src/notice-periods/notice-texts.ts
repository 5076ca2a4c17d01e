import { DateTime } from 'luxon';
import { PARIS, WEEKDAYS, type ClockTime, type NoticeRule, type Weekday } from './notice-rule';

/**
 * French texts of notice periods. Names are spelled out here rather than taken from Intl so the
 * wording ("1er mai") does not depend on the ICU data of the machine.
 */

const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: 'lundi',
  tuesday: 'mardi',
  wednesday: 'mercredi',
  thursday: 'jeudi',
  friday: 'vendredi',
  saturday: 'samedi',
  sunday: 'dimanche',
};

const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** French writes the first of the month as an ordinal: "1er mai", "2 mai". */
function dayOfMonthText(day: number): string {
  return day === 1 ? '1er' : String(day);
}

function dateText(date: DateTime): string {
  const weekday = WEEKDAY_NAMES[WEEKDAYS[date.weekday - 1]];
  return `${weekday} ${dayOfMonthText(date.day)} ${MONTH_NAMES[date.month - 1]} ${date.year}`;
}

/** `2026-05-07` → `jeudi 7 mai 2026` (the slot a message is about). */
export function frenchSlotDay(day: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? DateTime.fromISO(day, { zone: 'utc' })
    : DateTime.invalid('format');
  if (!date.isValid) throw new RangeError(`Invalid day "${day}" (expected YYYY-MM-DD)`);
  return dateText(date);
}

/** A deadline on the Paris clock, whatever zone it was given in: `lundi 4 mai 2026 à 10:00`. */
export function frenchDeadline(deadline: DateTime): string {
  const paris = deadline.setZone(PARIS);
  return `${dateText(paris)} à ${paris.toFormat('HH:mm')}`;
}

/** Shown beside a slot the family may still book: `réservable jusqu'au lundi 4 mai 2026 à 10:00`. */
export function bookableUntil(deadline: DateTime): string {
  return `réservable jusqu'au ${frenchDeadline(deadline)}`;
}

/** Shown beside a booked slot: `annulable jusqu'au lundi 4 mai 2026 à 10:00`. */
export function cancellableUntil(deadline: DateTime): string {
  return `annulable jusqu'au ${frenchDeadline(deadline)}`;
}

function clockText(at: ClockTime): string {
  return `à ${at}`;
}

function countText(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The rule as a unit's page states it: `au plus tard 2 jours avant à 10:00`. */
export function describeNoticeRule(rule: NoticeRule): string {
  switch (rule.kind) {
    case 'calendarDaysBefore': {
      const when =
        rule.days === 0
          ? 'le jour même'
          : rule.days === 1
            ? 'la veille'
            : `${countText(rule.days, 'jour', 'jours')} avant`;
      return `au plus tard ${when} ${clockText(rule.at)}`;
    }
    case 'workingDaysBefore':
      return `au plus tard ${countText(rule.days, 'jour ouvré', 'jours ouvrés')} avant ${clockText(rule.at)}`;
    case 'previousWeekday':
      return `au plus tard le ${WEEKDAY_NAMES[rule.weekday]} précédent ${clockText(rule.at)}`;
    case 'weekdayOfPreviousWeek':
      return `au plus tard le ${WEEKDAY_NAMES[rule.weekday]} de la semaine précédente ${clockText(rule.at)}`;
    case 'dayOfPreviousMonth':
      return `au plus tard le ${dayOfMonthText(rule.dayOfMonth)} du mois précédent ${clockText(rule.at)}`;
    case 'hoursBeforeStart':
      return `au plus tard ${countText(rule.hours, 'heure', 'heures')} avant le début`;
  }
}
