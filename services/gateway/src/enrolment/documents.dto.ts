import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import {
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_TYPES,
  type DocumentContentType,
  type DocumentsPage,
  type DocumentType,
  type DocumentView,
} from '@portail/contracts';
import { IsCalendarDate, OptionalText, RequiredText } from '@portail/validation';

const TYPE_MESSAGE = `Le type de document doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`;
const VALID_UNTIL = 'La date de fin de validité';
const PRESENT = (_object: object, value: unknown) => value !== undefined;
const NOT_NULL = (_object: object, value: unknown) => value !== undefined && value !== null;

export class DocumentIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant du document doit être un UUID." })
  id!: string;
}

/** What describes an upload, in the query string: the body is the file itself. */
export class UploadDocumentQueryDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, description: 'What the document is' })
  @IsIn(DOCUMENT_TYPES, { message: TYPE_MESSAGE })
  documentType!: DocumentType;

  @ApiProperty({
    maxLength: 255,
    example: 'facture-edf-mars.pdf',
    description: 'Original name (path removed, unsafe characters replaced)',
  })
  @RequiredText('Le nom du fichier', 255)
  fileName!: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Label shown to the family; the label of the type when absent',
  })
  @OptionalText('Le libellé', 200)
  label?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day the document is valid (e.g. a proof of address)',
  })
  @IsOptional()
  @IsCalendarDate(VALID_UNTIL)
  validUntil?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Agents filing at the counter: the family's household. Families upload to their own.",
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId?: string;
}

export class UpdateDocumentDto {
  @ApiPropertyOptional({ enum: DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES, { message: TYPE_MESSAGE })
  documentType?: DocumentType;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(PRESENT)
  @RequiredText('Le libellé', 200)
  label?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'null: no end of validity',
  })
  @ValidateIf(NOT_NULL)
  @IsCalendarDate(VALID_UNTIL)
  validUntil?: string | null;
}

export class DocumentDto implements DocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: DocumentType;
  @ApiProperty({ example: 'Justificatif de domicile de moins de 3 mois' })
  documentTypeLabel!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: 'facture-edf-mars.pdf' }) fileName!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES, description: 'Recognised from the bytes' })
  contentType!: DocumentContentType;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hexadecimal' }) sha256!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
  @ApiProperty({ description: 'validUntil is past (Europe/Paris)' }) expired!: boolean;
  @ApiProperty({
    type: [String],
    description: 'Applications it is attached to; one still in progress prevents deletion',
  })
  usedBy!: string[];
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class DocumentsPageDto implements DocumentsPage {
  @ApiProperty({ type: [DocumentDto], description: 'Newest first' }) items!: DocumentDto[];
  @ApiProperty({ description: 'Bytes stored by the household' }) usedBytes!: number;
  @ApiProperty({ description: "The household's storage quota, in bytes" }) quotaBytes!: number;
}
