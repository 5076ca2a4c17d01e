import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { OptionalUuidField } from '@portail/validation';
import {
  PERSONAL_DATA_MAX_OFFSET,
  PERSONAL_DATA_SECTION_PATTERN,
  PersonalDataSubjects,
} from './privacy';

/*
 * A service's part of a family's personal data, declared once for every service: the gateway
 * asks for the first page, then follows `next` until it is null. A page holds the rows of one
 * section, so that no reply nears NATS's max payload however much a family has.
 */

/** Which page of the calling family's data; the first one when nothing is given. */
export class PersonalDataPartQuery {
  @OptionalUuidField(
    "L'identifiant du foyer",
    "The household identity gave for the calling family; the service checks it is the caller's own, and answers nothing else",
  )
  householdId?: string;

  @ApiPropertyOptional({ pattern: PERSONAL_DATA_SECTION_PATTERN.source, example: 'applications' })
  @IsOptional()
  @IsString({ message: 'La section doit être un texte.' })
  @Matches(PERSONAL_DATA_SECTION_PATTERN, { message: 'Cette section est inconnue.' })
  section?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: PERSONAL_DATA_MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Le rang de départ doit être un entier.' })
  @Min(0, { message: 'Le rang de départ ne peut pas être négatif.' })
  @Max(PERSONAL_DATA_MAX_OFFSET, {
    message: `Le rang de départ ne doit pas dépasser ${PERSONAL_DATA_MAX_OFFSET}.`,
  })
  offset?: number;
}

/** Where the next page starts. */
export class PersonalDataCursor {
  @ApiProperty({ example: 'documents' }) section!: string;
  @ApiProperty({ type: 'integer', example: 0 }) offset!: number;
}

/** One page of a service's part: rows of one section, and where the next page starts. */
export class PersonalDataPart {
  @ApiProperty({ example: 'enrolment' }) service!: string;
  @ApiProperty({ example: 'applications' }) section!: string;
  @ApiProperty({ type: 'integer', example: 0 }) offset!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: "The section's rows, as the service shows them elsewhere (views)",
  })
  items!: object[];
  @ApiProperty({ type: PersonalDataCursor, nullable: true, description: 'Null on the last page' })
  next!: PersonalDataCursor | null;
}

declare module './requests' {
  interface RequestReplies {
    /** Service to service (the gateway's personal-data export), never routed one by one. */
    [PersonalDataSubjects.enrolment]: { request: PersonalDataPartQuery; reply: PersonalDataPart };
    [PersonalDataSubjects.reservation]: { request: PersonalDataPartQuery; reply: PersonalDataPart };
    [PersonalDataSubjects.billing]: { request: PersonalDataPartQuery; reply: PersonalDataPart };
    [PersonalDataSubjects.notification]: {
      request: PersonalDataPartQuery;
      reply: PersonalDataPart;
    };
  }
}
