/** What bookings use of the calendar and of the notice rules, in one import. */
export {
  DEFAULT_SCHOOL_LOCATION,
  SchoolCalendar,
  addDays,
  closureOn,
  parisDayOf,
  weekdayOf,
  type Closure,
} from './calendar';
export {
  bookableUntil,
  cancellableUntil,
  cancellingRuleOf,
  deadlineOf,
  evaluate,
  evaluateCancellation,
  frenchSlotDay,
  isOnTime,
  type NoticePolicy,
  type WorkingDays,
} from './notice-periods';
