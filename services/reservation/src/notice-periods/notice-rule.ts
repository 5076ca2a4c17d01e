/**
 * The notice-period rule language ("délais de prévenance"): one rule says until when a slot may be
 * booked, and the same language says until when it may be cancelled. Rules are plain data so a
 * unit's settings can store them as JSON and messages can describe them (`describeNoticeRule`).
 */

/** Every date and time of a rule is read on the Europe/Paris clock. */
export const PARIS = 'Europe/Paris';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/** A day of the week; its index + 1 is the ISO weekday (Monday = 1). */
export type Weekday = (typeof WEEKDAYS)[number];

/** A Paris wall-clock time `HH:mm`, 00:00 to 23:59. */
export type ClockTime = string;

/** "au plus tard 2 jours avant à 10:00": `days` calendar days before the slot's day (0: the same day). */
export interface CalendarDaysBefore {
  readonly kind: 'calendarDaysBefore';
  readonly days: number;
  readonly at: ClockTime;
}

/** "au plus tard 2 jours ouvrés avant à 10:00": the `days`-th working day strictly before the slot's day. */
export interface WorkingDaysBefore {
  readonly kind: 'workingDaysBefore';
  readonly days: number;
  readonly at: ClockTime;
}

/** "au plus tard le jeudi précédent à 12:00": the last `weekday` strictly before the slot's day. */
export interface PreviousWeekday {
  readonly kind: 'previousWeekday';
  readonly weekday: Weekday;
  readonly at: ClockTime;
}

/** "au plus tard le jeudi de la semaine précédente à 12:00": that day of the ISO week before the slot's week. */
export interface WeekdayOfPreviousWeek {
  readonly kind: 'weekdayOfPreviousWeek';
  readonly weekday: Weekday;
  readonly at: ClockTime;
}

/** "au plus tard le 20 du mois précédent à 23:59": clamped to the last day of a shorter month. */
export interface DayOfPreviousMonth {
  readonly kind: 'dayOfPreviousMonth';
  readonly dayOfMonth: number;
  readonly at: ClockTime;
}

/** "au plus tard 48 heures avant le début": real hours before the unit starts on the slot's day. */
export interface HoursBeforeStart {
  readonly kind: 'hoursBeforeStart';
  readonly hours: number;
}

export type NoticeRule =
  | CalendarDaysBefore
  | WorkingDaysBefore
  | PreviousWeekday
  | WeekdayOfPreviousWeek
  | DayOfPreviousMonth
  | HoursBeforeStart;

export type NoticeRuleKind = NoticeRule['kind'];

export const NOTICE_RULE_KINDS: readonly NoticeRuleKind[] = [
  'calendarDaysBefore',
  'workingDaysBefore',
  'previousWeekday',
  'weekdayOfPreviousWeek',
  'dayOfPreviousMonth',
  'hoursBeforeStart',
];

/**
 * Bounds of a rule's numbers: wide enough for any municipal service (a summer leisure centre
 * booked a quarter ahead), narrow enough that a typo (900 days) is caught when the unit is saved.
 */
export const NOTICE_RULE_BOUNDS = {
  calendarDays: { min: 0, max: 180 },
  workingDays: { min: 1, max: 120 },
  dayOfMonth: { min: 1, max: 31 },
  hours: { min: 1, max: 2160 },
} as const;

/** A unit's notice periods: cancelling follows booking unless the unit says otherwise. */
export interface NoticePolicy {
  readonly booking: NoticeRule;
  readonly cancelling?: NoticeRule;
}

export function cancellingRuleOf(policy: NoticePolicy): NoticeRule {
  return policy.cancelling ?? policy.booking;
}

/** What a notice rule applies to: one day of a unit that opens at `startsAt`. */
export interface Slot {
  /** Europe/Paris calendar date, `YYYY-MM-DD`. */
  readonly day: string;
  /** Paris wall-clock time the unit starts that day, `HH:mm`. */
  readonly startsAt: ClockTime;
}
