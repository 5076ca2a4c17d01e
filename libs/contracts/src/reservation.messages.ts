import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsUUID,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import {
  IsCalendarDate,
  OptionalText,
  OptionalUuidField,
  QueryBoolean,
  RequiredText,
  UuidField,
} from '@portail/validation';
import { ACTIVITY_CODE_PATTERN } from './enrolment.messages';
import {
  BOOKING_STATUSES,
  DEFAULT_OFFER_HOLD_MINUTES,
  MAX_OFFER_HOLD_MINUTES,
  MIN_OFFER_HOLD_MINUTES,
  REQUEST_KINDS,
  ReservationSubjects,
  SLOT_STATES,
  UNIT_KINDS,
  WAITING_LIST_MODES,
  type BookingStatus,
  type RequestKind,
  type SlotState,
  type UnitKind,
  type WaitingListMode,
} from './reservation';

/*
 * Reservation's commands, queries and replies, each declared once. What only the service can judge
 * (a notice policy that parses, a day the unit opens, a right that covers it) stays in its rules.
 */

export const MAX_UNIT_CAPACITY = 10_000;
const MAX_CODE_LENGTH = 63;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_TIME_MESSAGE = "L'heure doit être de la forme HH:mm (par exemple 11:30).";
const UNIT_CODE_MESSAGE = 'Le code (minuscules, chiffres, tirets) est obligatoire.';
const ACTIVITY_ID = "L'identifiant de l'activité";
const UNIT_ID = "L'identifiant de l'unité";
const SITE_ID = "L'identifiant du site";
const CHILD_ID = "L'identifiant de l'enfant";
const BOOKING_ID = "L'identifiant de la réservation";
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// ---------------------------------------------------------------------------------------------
// Activities, units, sites, capacities, closures

export class ActivityRef {
  @UuidField(ACTIVITY_ID, 'The activity')
  activityId!: string;
}

export class CreateActivityCommand {
  @UuidField("L'identifiant du service municipal", 'One of your services')
  municipalServiceId!: string;

  @ApiProperty({
    example: 'restauration-scolaire',
    pattern: ACTIVITY_CODE_PATTERN.source,
    maxLength: MAX_CODE_LENGTH,
    description: 'The code booking rights name (grant.activityCode of a procedure)',
  })
  @Matches(ACTIVITY_CODE_PATTERN, {
    message: "Le code d'activité (minuscules, chiffres, tirets) est obligatoire.",
  })
  code!: string;

  @RequiredText("Le nom de l'activité", 200, { example: 'Restauration scolaire' })
  name!: string;
}

export class ListActivitiesQuery {
  @OptionalUuidField("L'identifiant de la collectivité")
  organisationId?: string;
}

export class ListManagedActivitiesQuery {
  @OptionalUuidField("L'identifiant du service municipal", 'One of your services')
  municipalServiceId?: string;
}

export class AddUnitCommand extends ActivityRef {
  @ApiProperty({ example: 'repas', pattern: ACTIVITY_CODE_PATTERN.source, maxLength: 63 })
  @Matches(ACTIVITY_CODE_PATTERN, { message: UNIT_CODE_MESSAGE })
  code!: string;

  @RequiredText("Le libellé de l'unité", 200, { example: 'Repas du midi' })
  label!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS, { message: `Le type d'unité doit être l'un de : ${UNIT_KINDS.join(', ')}.` })
  kind!: UnitKind;

  @ApiProperty({ example: '11:30', pattern: CLOCK_TIME.source })
  @Matches(CLOCK_TIME, { message: CLOCK_TIME_MESSAGE })
  startsAt!: string;

  @ApiProperty({ example: '13:30', pattern: CLOCK_TIME.source })
  @Matches(CLOCK_TIME, { message: CLOCK_TIME_MESSAGE })
  endsAt!: string;

  @ApiProperty({
    type: [Number],
    minItems: 1,
    maxItems: 7,
    example: [1, 2, 4, 5],
    description: 'ISO weekdays the unit opens: 1 = Monday … 7 = Sunday',
  })
  @IsArray({ message: "Les jours d'ouverture sont une liste de jours de 1 (lundi) à 7." })
  @ArrayMinSize(1, { message: "L'unité ouvre au moins un jour de la semaine." })
  @ArrayMaxSize(7, { message: 'Une semaine compte 7 jours.' })
  @ArrayUnique({ message: 'Un jour est donné deux fois.' })
  @IsInt({ each: true, message: 'Chaque jour est un entier de 1 (lundi) à 7 (dimanche).' })
  @Min(1, { each: true, message: 'Chaque jour est un entier de 1 (lundi) à 7 (dimanche).' })
  @Max(7, { each: true, message: 'Chaque jour est un entier de 1 (lundi) à 7 (dimanche).' })
  weekdays!: number[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' },
      cancelling: { kind: 'workingDaysBefore', days: 1, at: '10:00' },
    },
    description:
      'Notice periods ("délais de prévenance"): booking and optional cancelling rules, each one of calendarDaysBefore, workingDaysBefore, previousWeekday, weekdayOfPreviousWeek, dayOfPreviousMonth, hoursBeforeStart',
  })
  @IsObject({ message: 'Les délais de prévenance doivent être un objet { booking, cancelling }.' })
  noticePolicy!: Record<string, unknown>;

  @ApiPropertyOptional({ default: false, description: 'Late requests wait for an agent' })
  @IsOptional()
  @IsBoolean({ message: 'allowsLateRequests doit valoir true ou false.' })
  allowsLateRequests?: boolean;

  @ApiPropertyOptional({ enum: WAITING_LIST_MODES, default: 'promote' })
  @IsOptional()
  @IsIn(WAITING_LIST_MODES, { message: "La liste d'attente est en mode promote ou offer." })
  waitingListMode?: WaitingListMode;

  @ApiPropertyOptional({
    minimum: MIN_OFFER_HOLD_MINUTES,
    maximum: MAX_OFFER_HOLD_MINUTES,
    default: DEFAULT_OFFER_HOLD_MINUTES,
    description: 'Mode offer: how long a freed place is held for the first waiting child',
  })
  @IsOptional()
  @IsInt({ message: 'La durée de la proposition est un nombre entier de minutes.' })
  @Min(MIN_OFFER_HOLD_MINUTES, {
    message: `La durée de la proposition est d'au moins ${MIN_OFFER_HOLD_MINUTES} minutes.`,
  })
  @Max(MAX_OFFER_HOLD_MINUTES, {
    message: 'La durée de la proposition est de 7 jours au plus.',
  })
  offerHoldMinutes?: number;
}

export class AddUnitBody extends OmitType(AddUnitCommand, ['activityId'] as const) {}

export class AddSiteCommand extends ActivityRef {
  @RequiredText('Le nom du site', 200, { example: 'École Jules Ferry' })
  name!: string;

  @OptionalUuidField("L'identifiant de l'école", "The school (identity's directory)")
  schoolId?: string;
}

export class AddSiteBody extends OmitType(AddSiteCommand, ['activityId'] as const) {}

export class SetCapacityCommand extends ActivityRef {
  @UuidField(UNIT_ID)
  unitId!: string;

  @UuidField(SITE_ID)
  siteId!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_UNIT_CAPACITY, example: 20 })
  @IsInt({ message: 'La capacité est un nombre entier de places.' })
  @Min(0, { message: 'La capacité ne peut pas être négative.' })
  @Max(MAX_UNIT_CAPACITY, { message: `La capacité est de ${MAX_UNIT_CAPACITY} places au plus.` })
  capacity!: number;

  @ApiPropertyOptional({
    format: 'date',
    description: 'One day (an override); without it, the default capacity',
  })
  @IsOptional()
  @IsCalendarDate('Le jour')
  day?: string;
}

export class SetCapacityBody extends OmitType(SetCapacityCommand, ['activityId'] as const) {}

export class AddClosureCommand extends ActivityRef {
  @OptionalUuidField(SITE_ID, 'One site; without it, the whole activity')
  siteId?: string;

  @ApiProperty({ format: 'date', example: '2026-11-02' })
  @IsCalendarDate('Le premier jour')
  firstDay!: string;

  @ApiProperty({ format: 'date', example: '2026-11-03' })
  @IsCalendarDate('Le dernier jour')
  lastDay!: string;

  @RequiredText('Le motif de la fermeture', 200, { example: 'Grève' })
  label!: string;
}

export class AddClosureBody extends OmitType(AddClosureCommand, ['activityId'] as const) {}

export class UnitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
  @ApiProperty({ example: '11:30' }) startsAt!: string;
  @ApiProperty({ example: '13:30' }) endsAt!: string;
  @ApiProperty({ type: [Number] }) weekdays!: number[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  noticePolicy!: Record<string, unknown>;
  @ApiProperty({ example: "Réservation jusqu'à 2 jours ouvrés avant, à 10:00" })
  noticeDescription!: string;
  @ApiProperty() allowsLateRequests!: boolean;
  @ApiProperty({ enum: WAITING_LIST_MODES }) waitingListMode!: WaitingListMode;
  @ApiProperty({ description: 'Mode offer: minutes a freed place is held' })
  offerHoldMinutes!: number;
}

export class CapacityView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  overrides!: Record<string, number>;
}

export class SiteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) schoolId!: string | null;
}

export class ClosureView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) siteId!: string | null;
  @ApiProperty({ format: 'date' }) firstDay!: string;
  @ApiProperty({ format: 'date' }) lastDay!: string;
  @ApiProperty() label!: string;
}

export class ActivityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'restauration-scolaire' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) municipalServiceId!: string;
  @ApiProperty({ type: [UnitView] }) units!: UnitView[];
  @ApiProperty({ type: [SiteView] }) sites!: SiteView[];
  @ApiProperty({ type: [CapacityView] }) capacities!: CapacityView[];
  @ApiProperty({ type: [ClosureView] }) closures!: ClosureView[];
}

export class OccupancyQuery extends ActivityRef {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate('Le premier jour')
  from!: string;

  @ApiProperty({ format: 'date', description: 'At most 62 days after from' })
  @IsCalendarDate('Le dernier jour')
  to!: string;
}

export class OccupancyQueryParams extends OmitType(OccupancyQuery, ['activityId'] as const) {}

export class OccupancyLine {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty() booked!: number;
  @ApiProperty({
    description: 'Places held for a waiting child until it confirms (an offer): taken, not booked',
  })
  offered!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty() waiting!: number;
  @ApiProperty() pending!: number;
}

// ---------------------------------------------------------------------------------------------
// Bookings

export class ChildRef {
  @UuidField(CHILD_ID, 'A child of your household')
  childId!: string;
}

export class ListSlotsQuery extends ChildRef {
  @ApiProperty({ example: '2026-10', pattern: MONTH.source })
  @Matches(MONTH, { message: 'Le mois doit être de la forme AAAA-MM.' })
  month!: string;
}

export class ListSlotsParams extends OmitType(ListSlotsQuery, ['childId'] as const) {}

export class SlotView {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitLabel!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty({ enum: SLOT_STATES }) state!: SlotState;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  bookableUntil!: string | null;
  @ApiProperty({ type: String, nullable: true, example: "Réservable jusqu'au …" })
  bookableUntilText!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancellableUntil!: string | null;
  @ApiProperty({ type: String, nullable: true, example: "Annulable jusqu'au …" })
  cancellableUntilText!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why closed (holiday, closure)' })
  reason!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 320,
    description:
      'Price of the slot for this child in cents, as billing would bill it (tariff, quotient, ' +
      'residency, siblings); null when billing has no tariff for it or does not answer.',
  })
  priceCents!: number | null;
}

export class CreateBookingCommand extends ChildRef {
  @UuidField(UNIT_ID)
  unitId!: string;

  @UuidField(SITE_ID)
  siteId!: string;

  @ApiProperty({ format: 'date', example: '2026-10-05' })
  @IsCalendarDate('Le jour')
  day!: string;
}

export class CreateBookingBody extends OmitType(CreateBookingCommand, ['childId'] as const) {}

export class BookingRef {
  @UuidField(BOOKING_ID)
  bookingId!: string;
}

export class ListMyBookingsQuery {
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate('Le premier jour')
  from?: string;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES })
  @IsOptional()
  @IsIn(BOOKING_STATUSES, {
    message: `Le statut doit être l'un de : ${BOOKING_STATUSES.join(', ')}.`,
  })
  status?: BookingStatus;
}

export class BookingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty() childFirstName!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitLabel!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) status!: BookingStatus;
  @ApiProperty({ description: 'Cancelled past the deadline' }) late!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Late request or cancellation' })
  message!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Rank on the waiting list, in request order (waitlisted bookings, family views)',
  })
  waitingPosition?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: "3e sur la liste d'attente" })
  waitingPositionText?: string | null;
}

export class ActivityBookingsQuery extends ActivityRef {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate('Le jour')
  day!: string;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES })
  @IsOptional()
  @IsIn(BOOKING_STATUSES, {
    message: `Le statut doit être l'un de : ${BOOKING_STATUSES.join(', ')}.`,
  })
  status?: BookingStatus;
}

export class ActivityBookingsParams extends OmitType(ActivityBookingsQuery, [
  'activityId',
] as const) {}

export const BOOKING_DECISIONS = ['accept', 'refuse'] as const;
export type BookingDecision = (typeof BOOKING_DECISIONS)[number];

export class DecideBookingCommand extends BookingRef {
  @ApiProperty({
    enum: BOOKING_DECISIONS,
    description: 'accept: a place if one is left, else the waiting list; refuse: refused',
  })
  @IsIn(BOOKING_DECISIONS, { message: 'La décision est accept ou refuse.' })
  decision!: BookingDecision;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @OptionalText('Le message', 1000)
  message?: string | null;
}

export class DecideBookingBody extends OmitType(DecideBookingCommand, ['bookingId'] as const) {}

// ---------------------------------------------------------------------------------------------
// Recurring bookings ("périodicité"), range cancellations, counter bookings

/** A pattern covers at most this many days (a right's validity is a school year). */
export const MAX_PATTERN_DAYS = 400;
export const MAX_PATTERN_UNITS = 4;
export const PATTERN_FREQUENCIES = [1, 2] as const;
export type PatternFrequency = (typeof PATTERN_FREQUENCIES)[number];
const PATTERN_ID = "L'identifiant de la périodicité";
const WEEKDAY_MESSAGE = 'Chaque jour est un entier de 1 (lundi) à 7 (dimanche).';

/** One unit of a weekly pattern and the ISO weekdays it is booked. */
export class PatternUnit {
  @UuidField(UNIT_ID)
  unitId!: string;

  @ApiProperty({
    type: [Number],
    minItems: 1,
    maxItems: 7,
    example: [1, 2, 4, 5],
    description: 'ISO weekdays: 1 = Monday … 7 = Sunday',
  })
  @IsArray({ message: 'Les jours sont une liste de jours de 1 (lundi) à 7.' })
  @ArrayMinSize(1, { message: 'Au moins un jour de la semaine est choisi.' })
  @ArrayMaxSize(7, { message: 'Une semaine compte 7 jours.' })
  @ArrayUnique({ message: 'Un jour est donné deux fois.' })
  @IsInt({ each: true, message: WEEKDAY_MESSAGE })
  @Min(1, { each: true, message: WEEKDAY_MESSAGE })
  @Max(7, { each: true, message: WEEKDAY_MESSAGE })
  weekdays!: number[];
}

/** What a weekly pattern is made of, the same when submitted and when changed. */
class PatternShape extends ChildRef {
  @ApiProperty({ type: [PatternUnit], minItems: 1, maxItems: MAX_PATTERN_UNITS })
  @IsArray({ message: 'Les unités sont une liste { unitId, weekdays }.' })
  @ArrayMinSize(1, { message: 'Au moins une unité est choisie.' })
  @ArrayMaxSize(MAX_PATTERN_UNITS, {
    message: `Une périodicité porte sur ${MAX_PATTERN_UNITS} unités au plus.`,
  })
  @ValidateNested({ each: true, message: 'Chaque unité est un objet { unitId, weekdays }.' })
  @Type(() => PatternUnit)
  units!: PatternUnit[];

  @ApiPropertyOptional({
    enum: PATTERN_FREQUENCIES,
    default: 1,
    description: '1: every week; 2: every other week (from the first week of the pattern)',
  })
  @IsOptional()
  @IsIn(PATTERN_FREQUENCIES, {
    message: 'La fréquence est 1 (chaque semaine) ou 2 (une semaine sur deux).',
  })
  everyWeeks?: PatternFrequency;

  @ApiPropertyOptional({
    format: 'date',
    description: "Last day; defaults to the end of the child's booking right",
  })
  @IsOptional()
  @IsCalendarDate('Le dernier jour')
  until?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'The summary ("récapitulatif"): the same outcomes, nothing written',
  })
  @IsOptional()
  @IsBoolean({ message: 'dryRun doit valoir true ou false.' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Agents at the counter only: book past the notice deadline (recorded)',
  })
  @IsOptional()
  @IsBoolean({ message: 'overrideDeadline doit valoir true ou false.' })
  overrideDeadline?: boolean;
}

export class SubmitRecurringBookingCommand extends PatternShape {
  @UuidField(ACTIVITY_ID)
  activityId!: string;

  @OptionalUuidField(
    SITE_ID,
    "Required for units the family chooses the site of; school-based units (meals, care) take the child's school site",
  )
  siteId?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: "First day; defaults to today or the start of the child's booking right",
  })
  @IsOptional()
  @IsCalendarDate('Le premier jour')
  from?: string;
}

export class SubmitRecurringBookingBody extends OmitType(SubmitRecurringBookingCommand, [
  'childId',
  'overrideDeadline',
] as const) {}

export class CounterRecurringBookingBody extends OmitType(SubmitRecurringBookingCommand, [
  'childId',
] as const) {}

export class PatternRef extends ChildRef {
  @UuidField(PATTERN_ID)
  patternId!: string;
}

export class ChangeRecurringBookingCommand extends PatternShape {
  @UuidField(PATTERN_ID)
  patternId!: string;

  @ApiProperty({
    format: 'date',
    description: 'The change applies from this day on; earlier days are left as they are',
  })
  @IsCalendarDate('Le jour de la modification')
  fromDay!: string;
}

export class ChangeRecurringBookingBody extends OmitType(ChangeRecurringBookingCommand, [
  'childId',
  'patternId',
  'overrideDeadline',
] as const) {}

export class CancelBookingRangeCommand extends ChildRef {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate('Le premier jour')
  from!: string;

  @ApiProperty({ format: 'date', description: `At most ${MAX_PATTERN_DAYS} days after from` })
  @IsCalendarDate('Le dernier jour')
  to!: string;

  @UuidField(ACTIVITY_ID, 'The activity whose bookings are cancelled')
  activityId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_PATTERN_UNITS })
  @IsOptional()
  @IsArray({ message: 'Les unités sont une liste.' })
  @ArrayMaxSize(MAX_PATTERN_UNITS, { message: `${MAX_PATTERN_UNITS} unités au plus.` })
  @IsUUID('all', { each: true, message: "Chaque identifiant d'unité doit être un UUID." })
  unitIds?: string[];

  @ApiPropertyOptional({ default: false, description: 'What would be cancelled, nothing written' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun doit valoir true ou false.' })
  dryRun?: boolean;
}

export class CancelBookingRangeBody extends OmitType(CancelBookingRangeCommand, [
  'childId',
] as const) {}

export class CounterBookingCommand extends CreateBookingCommand {
  @ApiPropertyOptional({ default: false, description: 'Book past the notice deadline (recorded)' })
  @IsOptional()
  @IsBoolean({ message: 'overrideDeadline doit valoir true ou false.' })
  overrideDeadline?: boolean;
}

export class CounterBookingBody extends OmitType(CounterBookingCommand, ['childId'] as const) {}

export class CounterCancelCommand extends BookingRef {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Cancel past the deadline without the late flag (recorded)',
  })
  @QueryBoolean('overrideDeadline')
  overrideDeadline?: boolean;
}

export class CounterCancelParams extends PickType(CounterCancelCommand, [
  'overrideDeadline',
] as const) {}

export const REQUEST_OUTCOME_STATUSES = [
  'booked',
  'waitlisted',
  'pending',
  'refused',
  'cancelled',
] as const;
export type RequestOutcomeStatus = (typeof REQUEST_OUTCOME_STATUSES)[number];

/** What became of one date of a request. */
export class RequestOutcomeView {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitLabel!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ enum: REQUEST_OUTCOME_STATUSES }) status!: RequestOutcomeStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why refused, pending or late, in French (names the deadline)',
  })
  reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({ description: 'False when the booking already existed (nothing created twice)' })
  created!: boolean;
  @ApiProperty({ description: 'A cancellation past its deadline (may be billed)' })
  late!: boolean;
}

/** A date the pattern does not book, and why (holidays, closures). */
export class SkippedDayView {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitLabel!: string;
  @ApiProperty({ example: 'Vacances scolaires.' }) reason!: string;
}

export class BookingRequestView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a dry run' })
  requestId!: string | null;
  @ApiProperty({ enum: REQUEST_KINDS }) kind!: RequestKind;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) patternId!: string | null;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) until!: string;
  @ApiProperty({ description: "An agent acted on the family's behalf" }) onBehalf!: boolean;
  @ApiProperty() deadlineOverridden!: boolean;
  @ApiProperty({ type: [RequestOutcomeView] }) outcomes!: RequestOutcomeView[];
  @ApiProperty({ type: [SkippedDayView] }) skipped!: SkippedDayView[];
}

export class BookingPatternView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ type: [PatternUnit] }) units!: PatternUnit[];
  @ApiProperty({ enum: PATTERN_FREQUENCIES }) everyWeeks!: PatternFrequency;
  @ApiProperty({ format: 'date', description: 'The week every other week counts from' })
  anchorDay!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) until!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

declare module './requests' {
  interface RequestReplies {
    [ReservationSubjects.activitiesCreate]: { request: CreateActivityCommand; reply: ActivityView };
    [ReservationSubjects.activitiesListManaged]: {
      request: ListManagedActivitiesQuery;
      reply: ActivityView[];
    };
    [ReservationSubjects.activitiesList]: { request: ListActivitiesQuery; reply: ActivityView[] };
    [ReservationSubjects.activitiesGet]: { request: ActivityRef; reply: ActivityView };
    [ReservationSubjects.unitsAdd]: { request: AddUnitCommand; reply: ActivityView };
    [ReservationSubjects.sitesAdd]: { request: AddSiteCommand; reply: ActivityView };
    [ReservationSubjects.capacitiesSet]: { request: SetCapacityCommand; reply: ActivityView };
    [ReservationSubjects.closuresAdd]: { request: AddClosureCommand; reply: ActivityView };
    [ReservationSubjects.occupancyGet]: { request: OccupancyQuery; reply: OccupancyLine[] };
    [ReservationSubjects.slotsList]: { request: ListSlotsQuery; reply: SlotView[] };
    [ReservationSubjects.bookingsCreate]: { request: CreateBookingCommand; reply: BookingView };
    [ReservationSubjects.bookingsCancel]: { request: BookingRef; reply: BookingView };
    [ReservationSubjects.bookingsListMine]: { request: ListMyBookingsQuery; reply: BookingView[] };
    [ReservationSubjects.bookingsListForActivity]: {
      request: ActivityBookingsQuery;
      reply: BookingView[];
    };
    [ReservationSubjects.bookingsDecide]: { request: DecideBookingCommand; reply: BookingView };
    [ReservationSubjects.recurringBookingsSubmit]: {
      request: SubmitRecurringBookingCommand;
      reply: BookingRequestView;
    };
    [ReservationSubjects.recurringBookingsList]: { request: ChildRef; reply: BookingPatternView[] };
    [ReservationSubjects.recurringBookingsChange]: {
      request: ChangeRecurringBookingCommand;
      reply: BookingRequestView;
    };
    [ReservationSubjects.bookingsCancelRange]: {
      request: CancelBookingRangeCommand;
      reply: BookingRequestView;
    };
    [ReservationSubjects.counterBookingsCreate]: {
      request: CounterBookingCommand;
      reply: BookingRequestView;
    };
    [ReservationSubjects.counterBookingsCancel]: {
      request: CounterCancelCommand;
      reply: BookingRequestView;
    };
  }
}
