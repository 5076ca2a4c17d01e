import { Type } from 'class-transformer';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  DOCUMENT_PART_BYTES,
  DOCUMENT_TYPES,
  type BeginDocumentUploadCommand,
  type DocumentRef,
  type DocumentType,
  type DocumentUploadPartCommand,
  type DocumentUploadRef,
  type DownloadDocumentPartQuery,
  type UpdateDocumentCommand,
} from '@portail/contracts';
import { IsCalendarDate, OptionalText, RequiredText } from '@portail/validation';

const TYPE_MESSAGE = `Le type de document doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`;
const VALID_UNTIL = 'La date de fin de validité';
const PRESENT = (_object: object, value: unknown) => value !== undefined;
const NOT_NULL = (_object: object, value: unknown) => value !== undefined && value !== null;
export const LABEL_MAX_LENGTH = 200;
export const FILE_NAME_MAX_LENGTH = 255;

export class DocumentRefDto implements DocumentRef {
  @IsUUID('all', { message: "L'identifiant du document doit être un UUID." })
  id!: string;
}

export class DocumentUploadRefDto implements DocumentUploadRef {
  @IsUUID('all', { message: "L'identifiant du dépôt doit être un UUID." })
  uploadId!: string;
}

export class BeginDocumentUploadDto implements BeginDocumentUploadCommand {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId?: string;

  @IsIn(DOCUMENT_TYPES, { message: TYPE_MESSAGE })
  documentType!: DocumentType;

  @OptionalText('Le libellé', LABEL_MAX_LENGTH)
  label?: string | null;

  @RequiredText('Le nom du fichier', FILE_NAME_MAX_LENGTH)
  fileName!: string;

  @ValidateIf(NOT_NULL)
  @IsCalendarDate(VALID_UNTIL)
  validUntil?: string | null;

  @IsInt({ message: 'La taille du fichier doit être un nombre entier d’octets.' })
  @Min(1, { message: 'Le fichier est vide.' })
  size!: number;
}

export class DocumentUploadPartDto
  extends DocumentUploadRefDto
  implements DocumentUploadPartCommand
{
  @IsInt({ message: 'Le numéro de partie doit être un entier.' })
  @Min(0, { message: 'Les parties sont numérotées à partir de 0.' })
  index!: number;

  @IsString({ message: 'Le contenu de la partie doit être un texte en base64.' })
  @IsNotEmpty({ message: 'Le contenu de la partie est obligatoire.' })
  @MaxLength(Math.ceil(DOCUMENT_PART_BYTES / 3) * 4, {
    message: `Une partie ne doit pas dépasser ${DOCUMENT_PART_BYTES} octets.`,
  })
  @IsBase64({}, { message: 'Le contenu de la partie doit être encodé en base64.' })
  contentBase64!: string;
}

export class UpdateDocumentDto extends DocumentRefDto implements UpdateDocumentCommand {
  @IsOptional()
  @IsIn(DOCUMENT_TYPES, { message: TYPE_MESSAGE })
  documentType?: DocumentType;

  @ValidateIf(PRESENT)
  @RequiredText('Le libellé', LABEL_MAX_LENGTH)
  label?: string;

  @ValidateIf(NOT_NULL)
  @IsCalendarDate(VALID_UNTIL)
  validUntil?: string | null;
}

export class DownloadDocumentPartDto extends DocumentRefDto implements DownloadDocumentPartQuery {
  @Type(() => Number)
  @IsInt({ message: 'Le numéro de partie doit être un entier.' })
  @Min(0, { message: 'Les parties sont numérotées à partir de 0.' })
  index!: number;
}
