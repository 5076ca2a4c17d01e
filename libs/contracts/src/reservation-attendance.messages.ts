import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, UuidField } from '@portail/validation';
import { AuthorisedPickup } from './identity/households.messages';
import {
  ATTENDANCE_STATUSES,
  BOOKING_STATUSES,
  ReservationSubjects,
  type AttendanceStatus,
  type BookingStatus,
} from './reservation';
import { ActivityRef, BookingRef, BookingView } from './reservation.messages';

/*
 * Reservation's waiting-list offers and attendance ("pointage"): commands, queries and replies,
 * each declared once (see reservation.messages.ts for the rest of reservation).
 */

// ---------------------------------------------------------------------------------------------
// Offers

export class OfferView extends BookingView {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Status offered: until when the place is held (confirm before)',
  })
  offerExpiresAt!: string | null;
}

// ---------------------------------------------------------------------------------------------
// Attendance

/** At most this many children recorded in one request (a daily list of a large school). */
export const MAX_ATTENDANCE_RECORDS = 500;
export const MAX_ABSENCE_REASON_LENGTH = 500;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class AttendanceListQuery extends ActivityRef {
  @UuidField("L'identifiant du site")
  siteId!: string;

  @UuidField("L'identifiant de l'unité")
  unitId!: string;

  @ApiProperty({ format: 'date', example: '2026-10-08' })
  @IsCalendarDate('Le jour')
  day!: string;
}

export class AttendanceListParams extends OmitType(AttendanceListQuery, ['activityId'] as const) {}

export class AttendanceEntry {
  @UuidField("L'identifiant de l'enfant")
  childId!: string;

  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    description:
      'present, absent-justified (reason required), absent-unjustified for a booked child; unexpected for a child present without a booking (with a right for the activity)',
  })
  @IsIn(ATTENDANCE_STATUSES, {
    message: `Le pointage doit être l'un de : ${ATTENDANCE_STATUSES.join(', ')}.`,
  })
  status!: AttendanceStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_ABSENCE_REASON_LENGTH,
    example: 'Certificat médical',
    description: 'The reason of a justified absence (required then, ignored otherwise)',
  })
  @ValidateIf(
    (entry: AttendanceEntry) =>
      entry.status === 'absent-justified' || (entry.reason !== undefined && entry.reason !== null),
  )
  @IsString({ message: 'Le motif doit être un texte.' })
  @IsNotEmpty({ message: "Le motif d'une absence justifiée est obligatoire." })
  @Matches(/\S/, { message: "Le motif d'une absence justifiée est obligatoire." })
  @MaxLength(MAX_ABSENCE_REASON_LENGTH, {
    message: `Le motif ne doit pas dépasser ${MAX_ABSENCE_REASON_LENGTH} caractères.`,
  })
  reason?: string | null;
}

export class RecordAttendanceCommand extends AttendanceListQuery {
  @ApiProperty({ type: [AttendanceEntry], minItems: 1, maxItems: MAX_ATTENDANCE_RECORDS })
  @IsArray({ message: 'Les pointages doivent être une liste.' })
  @ArrayMinSize(1, { message: 'Au moins un enfant doit être pointé.' })
  @ArrayMaxSize(MAX_ATTENDANCE_RECORDS, {
    message: `Au plus ${MAX_ATTENDANCE_RECORDS} enfants par envoi.`,
  })
  @ArrayUnique((entry: AttendanceEntry | null) => entry?.childId, {
    message: 'Un enfant est pointé deux fois.',
  })
  @ValidateNested({ each: true, message: 'Chaque pointage doit être un objet.' })
  @Type(() => AttendanceEntry)
  records!: AttendanceEntry[];
}

export class RecordAttendanceBody extends OmitType(RecordAttendanceCommand, [
  'activityId',
] as const) {}

export class AttendanceRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status!: AttendanceStatus;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ description: 'How many times it was corrected' }) corrections!: number;
  @ApiProperty({ description: "Last changed by a supervisor after the month's lock" })
  afterLock!: boolean;
}

export class AttendanceLine {
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ description: 'Booked for the day (false: an unexpected presence)' })
  expected!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({ enum: BOOKING_STATUSES, nullable: true }) bookingStatus!: BookingStatus | null;
  @ApiProperty({ type: [String], example: ['arachide'] }) allergies!: string[];
  @ApiProperty({ description: "Projet d'accueil individualisé" }) pai!: boolean;
  @ApiProperty({ description: 'May leave alone' }) mayLeaveAlone!: boolean;
  @ApiProperty({ type: [AuthorisedPickup] }) authorisedPickups!: AuthorisedPickup[];
  @ApiProperty({
    description: 'False when identity no longer knows the child (names from the booking right)',
  })
  profileFound!: boolean;
  @ApiProperty({ type: AttendanceRecordView, nullable: true })
  attendance!: AttendanceRecordView | null;
}

export class AttendanceSheet {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ description: "The day's month is locked for the service" }) locked!: boolean;
  @ApiProperty({ type: [AttendanceLine] }) children!: AttendanceLine[];
}

export class AttendanceMonthRef {
  @UuidField("L'identifiant du service municipal", 'One of your services')
  municipalServiceId!: string;

  @ApiProperty({ example: '2026-10', pattern: MONTH.source })
  @Matches(MONTH, { message: 'Le mois doit être de la forme AAAA-MM.' })
  month!: string;
}

export class AttendanceMonthView {
  @ApiProperty({ format: 'uuid' }) municipalServiceId!: string;
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty() locked!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lockedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lockedAt!: string | null;
}

declare module './requests' {
  interface RequestReplies {
    [ReservationSubjects.offersGet]: { request: BookingRef; reply: OfferView };
    [ReservationSubjects.offersConfirm]: { request: BookingRef; reply: OfferView };
    [ReservationSubjects.offersDecline]: { request: BookingRef; reply: OfferView };
    [ReservationSubjects.attendanceGet]: { request: AttendanceListQuery; reply: AttendanceSheet };
    [ReservationSubjects.attendanceRecord]: {
      request: RecordAttendanceCommand;
      reply: AttendanceSheet;
    };
    [ReservationSubjects.attendanceMonthLock]: {
      request: AttendanceMonthRef;
      reply: AttendanceMonthView;
    };
    [ReservationSubjects.attendanceMonthGet]: {
      request: AttendanceMonthRef;
      reply: AttendanceMonthView;
    };
  }
}
