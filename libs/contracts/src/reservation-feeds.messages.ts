import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalUuidField, QueryBoolean } from '@portail/validation';
import { ReservationSubjects } from './reservation';
import { ActivityRef, ChildRef } from './reservation.messages';

/*
 * Reservation's feeds and files: a child's calendar feed at a secret URL (ICS, for a phone's
 * calendar) and the closures an agent imports from an ICS file. Declared once, like
 * reservation.messages.ts.
 */

/** 32 random bytes in base64url: 256 bits, well past the 128 a guess must face. */
export const CALENDAR_FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The public route's last segment: the token and the `.ics` a calendar application expects. */
export const CALENDAR_FEED_FILE_PATTERN = /^[A-Za-z0-9_-]{43}\.ics$/;
/** Where a feed is read, under the gateway's `/api/v1`. */
export const CALENDAR_FEED_ROUTE = 'calendar-feeds';

/** An uploaded closures file is refused past these bounds (413, then 400 while reading it). */
export const MAX_CLOSURES_ICS_BYTES = 1024 * 1024;
export const MAX_CLOSURES_ICS_EVENTS = 1000;
/**
 * The file travels gzipped to the service (ICS text shrinks about tenfold), so that a file near
 * the limit stays well within NATS's max payload.
 */
const MAX_GZIP_BASE64_LENGTH = Math.ceil((MAX_CLOSURES_ICS_BYTES * 1.01 + 1024) / 3) * 4;

// ---------------------------------------------------------------------------------------------
// A child's calendar feed

/** Create or rotate (the old URL stops at once) the caller's feed of one child. */
export class CreateCalendarFeedCommand extends ChildRef {}

/** Revoke the caller's feed of one child. */
export class RevokeCalendarFeedCommand extends ChildRef {}

export class CalendarFeedView {
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({
    description: 'The secret, shown once: only its SHA-256 hash is kept',
    pattern: CALENDAR_FEED_TOKEN_PATTERN.source,
  })
  token!: string;
  @ApiProperty({
    description: 'Where the feed is read, relative to the API',
    example: '/api/v1/calendar-feeds/q1Xb7tT0wJkz3hVqU8y4mNcL2aR5sEoD9fGiHpKjWvY.ics',
  })
  path!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Whether there was a feed to revoke (revoking twice is not an error). */
export class CalendarFeedRevoked {
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty() revoked!: boolean;
}

/** What the gateway answers: the view and the absolute URL a calendar application subscribes to. */
export class CalendarFeedLink extends CalendarFeedView {
  @ApiProperty({
    format: 'uri',
    example:
      'https://portail.example.fr/api/v1/calendar-feeds/q1Xb7tT0wJkz3hVqU8y4mNcL2aR5sEoD9fGiHpKjWvY.ics',
  })
  url!: string;
}

/** The public route's parameter: `{token}.ics`. */
export class CalendarFeedFileParams {
  @ApiProperty({
    description: 'The secret token followed by .ics',
    pattern: CALENDAR_FEED_FILE_PATTERN.source,
  })
  @Matches(CALENDAR_FEED_FILE_PATTERN, {
    message: "L'adresse de l'agenda n'est pas valide.",
  })
  file!: string;
}

export class ReadCalendarFeedQuery {
  @ApiProperty({ pattern: CALENDAR_FEED_TOKEN_PATTERN.source })
  @Matches(CALENDAR_FEED_TOKEN_PATTERN, { message: "L'adresse de l'agenda n'est pas valide." })
  token!: string;
}

export class CalendarFeedFile {
  @ApiProperty({ example: 'reservations-iris.ics' }) fileName!: string;
  @ApiProperty({ description: 'text/calendar (RFC 5545)' }) content!: string;
}

// ---------------------------------------------------------------------------------------------
// Closures imported from an ICS file

/** The route's query string: the body is the ICS file itself. */
export class ImportClosuresParams {
  @OptionalUuidField("L'identifiant du site", 'One site; without it, the whole activity')
  siteId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Say what would be created and skipped, create nothing',
  })
  @QueryBoolean('dryRun')
  dryRun?: boolean;
}

export class ImportClosuresCommand extends ActivityRef {
  @OptionalUuidField("L'identifiant du site", 'One site; without it, the whole activity')
  siteId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false })
  @QueryBoolean('dryRun')
  dryRun?: boolean;

  @ApiProperty({ format: 'byte', description: 'The ICS file, gzipped, in base64' })
  @IsString({ message: 'Le fichier doit être transmis en base64.' })
  @IsNotEmpty({ message: 'Le fichier est vide.' })
  @MaxLength(MAX_GZIP_BASE64_LENGTH, {
    message: `Le fichier dépasse ${MAX_CLOSURES_ICS_BYTES} octets (1 Mio).`,
  })
  @IsBase64({}, { message: 'Le fichier doit être transmis en base64.' })
  icsGzipBase64!: string;
}

export class ImportedClosureView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null in a dry run' })
  id!: string | null;
  @ApiProperty({ description: "The event's UID in the file" }) uid!: string;
  @ApiProperty({ format: 'date' }) firstDay!: string;
  @ApiProperty({ format: 'date' }) lastDay!: string;
  @ApiProperty({ example: 'Grève' }) label!: string;
}

export class SkippedIcsEventView {
  @ApiProperty({ type: String, nullable: true }) uid!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstDay!: string | null;
  @ApiProperty({ example: 'Sortie scolaire' }) label!: string;
  @ApiProperty({ example: 'Déjà importée' }) reason!: string;
}

export class ClosuresImportView {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) siteId!: string | null;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [ImportedClosureView] }) created!: ImportedClosureView[];
  @ApiProperty({ type: [SkippedIcsEventView] }) skipped!: SkippedIcsEventView[];
}

declare module './requests' {
  interface RequestReplies {
    [ReservationSubjects.calendarFeedsCreate]: {
      request: CreateCalendarFeedCommand;
      reply: CalendarFeedView;
    };
    [ReservationSubjects.calendarFeedsRevoke]: {
      request: RevokeCalendarFeedCommand;
      reply: CalendarFeedRevoked;
    };
    [ReservationSubjects.calendarFeedsRead]: {
      request: ReadCalendarFeedQuery;
      reply: CalendarFeedFile;
    };
    [ReservationSubjects.closuresImport]: {
      request: ImportClosuresCommand;
      reply: ClosuresImportView;
    };
  }
}
