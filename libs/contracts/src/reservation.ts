/**
 * Reservation ("réservations"): the activities a municipal service opens to booking (school
 * catering, before/after-school care, Wednesdays…), their units, sites, capacities and closures,
 * the booking rights enrolment grants, and the bookings families make for one child, one unit,
 * one site and one day. The messages are declared in reservation.messages.ts.
 */
export const ReservationSubjects = {
  /** Agents: create an activity of one of their services. */
  activitiesCreate: 'reservation.activities.create',
  /** Agents: the activities of their services (all for administrators). */
  activitiesListManaged: 'reservation.activities.list-managed',
  /** Anyone signed in: the activities of an organisation. */
  activitiesList: 'reservation.activities.list',
  activitiesGet: 'reservation.activities.get',
  unitsAdd: 'reservation.units.add',
  sitesAdd: 'reservation.sites.add',
  /** The default capacity of a unit at a site, or its capacity on one day. */
  capacitiesSet: 'reservation.capacities.set',
  closuresAdd: 'reservation.closures.add',
  /** Agents: booked, capacity and waiting per site, unit and day. */
  occupancyGet: 'reservation.occupancy.get',
  /** Families: every day of a month of a child's bookable units, with its state. */
  slotsList: 'reservation.slots.list',
  bookingsCreate: 'reservation.bookings.create',
  bookingsCancel: 'reservation.bookings.cancel',
  bookingsListMine: 'reservation.bookings.list-mine',
  /** Agents: the bookings of an activity on a day (the pending requests to decide…). */
  bookingsListForActivity: 'reservation.bookings.list-for-activity',
  /** Agents: accept (a place or the waiting list) or refuse a late request. */
  bookingsDecide: 'reservation.bookings.decide',
  /** Families: an offered booking with its expiry. */
  offersGet: 'reservation.offers.get',
  /** Families: take the place held for their waiting child. */
  offersConfirm: 'reservation.offers.confirm',
  /** Families: give the held place up (to the next of the waiting list). */
  offersDecline: 'reservation.offers.decline',
  /** Agents: the daily attendance list of a unit at a site. */
  attendanceGet: 'reservation.attendance.get',
  /** Agents: record (or correct) attendance for the daily list, in one batch. */
  attendanceRecord: 'reservation.attendance.record',
  /** Supervisors: lock a municipal service's month of attendance. */
  attendanceMonthLock: 'reservation.attendance-months.lock',
  attendanceMonthGet: 'reservation.attendance-months.get',
  /** Families: create or rotate the secret URL of a child's calendar feed (ICS). */
  calendarFeedsCreate: 'reservation.calendar-feeds.create',
  calendarFeedsRevoke: 'reservation.calendar-feeds.revoke',
  /** Anyone holding the secret token: the child's bookings as an iCalendar file. */
  calendarFeedsRead: 'reservation.calendar-feeds.read',
  /** Agents: closures from an uploaded ICS file (dry run or import, idempotent by event UID). */
  closuresImport: 'reservation.closures.import',
  /** Families (and agents at the counter): a weekly pattern expanded to dated bookings. */
  recurringBookingsSubmit: 'reservation.recurring-bookings.submit',
  recurringBookingsList: 'reservation.recurring-bookings.list',
  /** Change a pattern from a date on: later dates no longer in it are cancelled. */
  recurringBookingsChange: 'reservation.recurring-bookings.change',
  /** Cancel every live booking of a child in a date range. */
  bookingsCancelRange: 'reservation.bookings.cancel-range',
  /** Agents at the counter: book or cancel on a family's behalf (deadline may be overridden). */
  counterBookingsCreate: 'reservation.counter-bookings.create',
  counterBookingsCancel: 'reservation.counter-bookings.cancel',
} as const;

export enum ReservationErrorCode {
  ACTIVITY_NOT_FOUND = 'ACTIVITY_NOT_FOUND',
  /** An agent acting on an activity of a service that is not one of its own. */
  ACTIVITY_OUT_OF_SCOPE = 'ACTIVITY_OUT_OF_SCOPE',
  /** The organisation already has an activity, or the activity a unit, with this code. */
  DUPLICATE_ACTIVITY_CODE = 'DUPLICATE_ACTIVITY_CODE',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  SITE_NOT_FOUND = 'SITE_NOT_FOUND',
  /** No child with this id among the caller's booking rights. */
  BOOKING_CHILD_NOT_FOUND = 'BOOKING_CHILD_NOT_FOUND',
  BOOKING_NOT_FOUND = 'BOOKING_NOT_FOUND',
  /** The child has no booking right for this activity on that day. */
  NO_BOOKING_RIGHT = 'NO_BOOKING_RIGHT',
  /** The unit does not open that day (weekday, public holiday, closure, school holidays). */
  SLOT_CLOSED = 'SLOT_CLOSED',
  /** The notice period has passed (the message names the deadline). */
  NOTICE_PERIOD_PASSED = 'NOTICE_PERIOD_PASSED',
  /** The booking is already cancelled. */
  BOOKING_ALREADY_CANCELLED = 'BOOKING_ALREADY_CANCELLED',
  /** Only a pending request is decided. */
  BOOKING_NOT_PENDING = 'BOOKING_NOT_PENDING',
  /** Only an offered booking is confirmed or declined. */
  BOOKING_NOT_OFFERED = 'BOOKING_NOT_OFFERED',
  /** The offer's hold time has passed: the place went (or goes) to the next child. */
  OFFER_EXPIRED = 'OFFER_EXPIRED',
  /** A booked child recorded as unexpected, or a child without a booking recorded otherwise. */
  ATTENDANCE_STATUS_MISMATCH = 'ATTENDANCE_STATUS_MISMATCH',
  /** The month is locked: only a supervisor corrects it. */
  ATTENDANCE_MONTH_LOCKED = 'ATTENDANCE_MONTH_LOCKED',
  /** Only a supervisor of the service locks a month (or corrects a locked one). */
  SUPERVISOR_ONLY = 'SUPERVISOR_ONLY',
  /** No calendar feed with this token (never created, rotated or revoked). */
  CALENDAR_FEED_NOT_FOUND = 'CALENDAR_FEED_NOT_FOUND',
  /** The uploaded closures file is not a readable iCalendar file. */
  ICS_FILE_INVALID = 'ICS_FILE_INVALID',
  /** The uploaded closures file is larger than 1 MiB. */
  ICS_FILE_TOO_LARGE = 'ICS_FILE_TOO_LARGE',
  /** The uploaded closures file was not sent as text/calendar. */
  ICS_FILE_TYPE_NOT_ALLOWED = 'ICS_FILE_TYPE_NOT_ALLOWED',
  BOOKING_PATTERN_NOT_FOUND = 'BOOKING_PATTERN_NOT_FOUND',
  /** The child already has a pattern for this activity and right: change it from a date. */
  BOOKING_PATTERN_EXISTS = 'BOOKING_PATTERN_EXISTS',
  /** A school-based unit is booked at the child's school's site only. */
  SITE_NOT_CHILD_SCHOOL = 'SITE_NOT_CHILD_SCHOOL',
  /** No school is known for the child, or its school is not a site of the activity. */
  CHILD_SCHOOL_UNKNOWN = 'CHILD_SCHOOL_UNKNOWN',
}

export const UNIT_KINDS = [
  'meal',
  'morning-care',
  'evening-care',
  'wednesday-full',
  'wednesday-half',
  'holiday-week',
  'course-session',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Units that follow the school calendar: closed during school holidays. */
export const SCHOOL_DAY_UNIT_KINDS: readonly UnitKind[] = ['meal', 'morning-care', 'evening-care'];

/**
 * What happens when a place frees: `promote` gives it at once to the first waiting child;
 * `offer` holds it for that child for the unit's hold time (confirm, decline, or it expires and
 * passes to the next).
 */
export const WAITING_LIST_MODES = ['promote', 'offer'] as const;
export type WaitingListMode = (typeof WAITING_LIST_MODES)[number];

export const BOOKING_STATUSES = [
  'booked',
  'waitlisted',
  /** A freed place held for this waiting child until `offerExpiresAt`. */
  'offered',
  'pending',
  'refused',
  'cancelled',
  /** Still waitlisted or pending when its day passed (the expiry job). */
  'expired',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Bounds of a unit's offer hold time, in minutes: 15 minutes to 7 days (default 24 hours). */
export const MIN_OFFER_HOLD_MINUTES = 15;
export const MAX_OFFER_HOLD_MINUTES = 7 * 24 * 60;
export const DEFAULT_OFFER_HOLD_MINUTES = 24 * 60;

export const SLOT_STATES = [
  'available',
  'booked',
  'waitlisted',
  'offered',
  'pending',
  'full',
  'closed',
  'holiday',
  /** A waiting or pending request whose day passed (the booking's status `expired`). */
  'expired',
  /**
   * Free, but its booking deadline has passed and the unit takes no late request: the family can
   * no longer book it (`bookableUntilText` says until when it could).
   */
  'past-deadline',
] as const;
export type SlotState = (typeof SLOT_STATES)[number];

// ---------------------------------------------------------------------------------------------
// Events

export interface BookingEventBase {
  bookingId: string;
  /** The application that granted the right. */
  rightId: string;
  organisationId: string;
  municipalServiceId: string;
  activityCode: string;
  unitId: string;
  unitCode: string;
  siteId: string;
  day: string;
  childId: string;
  householdId: string;
  billing: 'pre-billing' | 'post-billing';
  /**
   * For the e-mails ("la restauration scolaire", "Repas"). Optional: events recorded before
   * these fields existed lack them, and notification then writes the codes.
   */
  activityName?: string;
  unitLabel?: string;
}

export type BookingCancellationCause = 'family' | 'right-ended' | 'basket-expired';

export interface BookingCancelled extends BookingEventBase {
  /** Past the cancellation deadline (may be billed). */
  late: boolean;
  /**
   * What cancelled it: the family, the end of the right (a withdrawn application), or its
   * pre-billed basket left unpaid past the delay (`billing.basket.expired`; never late, never
   * billed).
   */
  cause: BookingCancellationCause;
  /** The status it had: a waitlisted booking freed no place (an unconfirmed offer counts as waitlisted). */
  previousStatus: 'booked' | 'waitlisted' | 'pending';
}

export type BookingPromoted = BookingEventBase;

export interface BookingDecided extends BookingEventBase {
  decision: 'accept' | 'refuse';
  /** What the request became. */
  status: 'booked' | 'waitlisted' | 'refused';
  decidedBy: string;
  /** The agent's message to the family, if any (optional: absent from older events). */
  message?: string | null;
}

/** A freed place is held for the first waiting child until `offerExpiresAt`. */
export interface BookingOffered extends BookingEventBase {
  offerExpiresAt: string;
}

/** The offer was not confirmed in time (or was declined): the place passes to the next child. */
export interface BookingOfferLapsed extends BookingEventBase {
  outcome: 'expired' | 'declined';
}

export const REQUEST_KINDS = ['single', 'recurring', 'counter'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** At most this many dated outcomes in one request (a school year of two units is ≈ 280). */
export const MAX_REQUEST_OUTCOMES = 1000;

export interface RequestOutcome {
  day: string;
  unitCode: string;
  unitLabel: string;
  status: 'booked' | 'waitlisted' | 'pending' | 'refused' | 'cancelled';
  /** Why it was refused, in French (closed day, notice period passed…). */
  reason: string | null;
  unitId: string;
  /**
   * The booking the date holds: created by this request, or already there (reported as it is);
   * the booking cancelled for a `cancelled` date; null for a refused one.
   */
  bookingId: string | null;
}

/**
 * One family request (a day, a recurring pattern, or a counter booking by an agent) and what
 * became of each date: the booking summary e-mail ("Nous avons bien enregistré votre demande"),
 * and the bookings it created — one event per request, not one per date (a school year is
 * ≈ 280 dates): with `rightId`, `siteId` and `billing`, each outcome's `bookingId`, `unitId` and
 * `day` are what billing copies of a new booking. Cancellations have their own events.
 */
export interface BookingRequestRecorded {
  requestId: string;
  kind: RequestKind;
  /** The right the dates are booked under (a range cancellation may also end others' bookings). */
  rightId: string;
  siteId: string;
  billing: 'pre-billing' | 'post-billing';
  organisationId: string;
  municipalServiceId: string;
  activityCode: string;
  activityName: string;
  childId: string;
  childFirstName: string | null;
  householdId: string;
  /** The account that asked: the family, or the agent at the counter. */
  requestedBy: string;
  /** True when an agent booked on the family's behalf. */
  onBehalf: boolean;
  /** Deadlines overridden by the agent (recorded). */
  deadlineOverridden: boolean;
  /** The recurring pattern the request created or changed, if any (added by the booking engine). */
  patternId?: string | null;
  outcomes: RequestOutcome[];
}

export const ATTENDANCE_STATUSES = [
  'present',
  'absent-justified',
  'absent-unjustified',
  /** Present without a booking. */
  'unexpected',
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A child's attendance on a day (first record or correction), what billing reads. */
export interface AttendanceRecorded {
  attendanceId: string;
  organisationId: string;
  municipalServiceId: string;
  activityCode: string;
  unitId: string;
  unitCode: string;
  siteId: string;
  day: string;
  childId: string;
  householdId: string;
  /** The booking it checks, null for an unexpected presence. */
  bookingId: string | null;
  status: AttendanceStatus;
  /** The reason of a justified absence. */
  reason: string | null;
  recordedBy: string;
  /** A change of an earlier record. */
  correction: boolean;
  /** A supervisor's correction after the month was locked. */
  afterLock: boolean;
}

/** A municipal service's month is locked: attendance is final, billing can run. */
export interface AttendanceMonthLocked {
  organisationId: string;
  municipalServiceId: string;
  /** YYYY-MM. */
  month: string;
  lockedBy: string;
  lockedAt: string;
}

declare module './events' {
  interface EventPayloads {
    'reservation.booking.offered': BookingOffered;
    'reservation.booking.offer-lapsed': BookingOfferLapsed;
    'reservation.request.recorded': BookingRequestRecorded;
    'reservation.attendance.recorded': AttendanceRecorded;
    'reservation.attendance.month-locked': AttendanceMonthLocked;
    'reservation.booking.cancelled': BookingCancelled;
    'reservation.booking.promoted': BookingPromoted;
    'reservation.booking.decided': BookingDecided;
  }
}
