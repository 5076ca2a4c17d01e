import {
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  OptionalText,
  OptionalUuidField,
  RequiredText,
  UuidField,
  isCalendarDate,
  PageNumberField,
  PageSizeField,
  QueryBoolean,
} from '@portail/validation';
import { INSEE_CODE_PATTERN } from './identity/households';
import type { NoPayload } from './requests';
import {
  APPLICATION_STATUSES,
  DECISIONS,
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_PART_BYTES,
  DOCUMENT_TYPES,
  EnrolmentSubjects,
  FIELD_SEMANTICS,
  FORM_FIELD_TYPES,
  GRANT_KINDS,
  NEXT_ACTIONS,
  PREFILL_SOURCES,
  PROCEDURE_STATUSES,
  RESIDENCE_RULES,
  VALIDATION_MODES,
  isSeason,
  type Answers,
  type ApplicationStatus,
  type Decision,
  type DocumentContentType,
  type DocumentType,
  type FieldSemantics,
  type FormFieldType,
  type GrantKind,
  type NextAction,
  type PrefillSource,
  type ProcedureStatus,
  type ResidenceRule,
  type ValidationMode,
} from './enrolment';
import { SCHOOL_LEVELS, type SchoolLevel } from './identity/households';

/*
 * Enrolment's commands, queries and replies, each declared once: the class is the payload type,
 * the validation (the gateway's pipe, then enrolment's) and the OpenAPI schema. What only the
 * service can judge (a form that can be answered, answers that fit it, dates in order, places
 * left) stays in enrolment's rules and answers 422/409.
 */

// ---------------------------------------------------------------------------------------------
// Limits, messages and the rules class-validator lacks

/** Fields of a procedure's form. */
export const MAX_FORM_FIELDS = 80;
/** Options of a choice, and values of a condition. */
export const MAX_FIELD_OPTIONS = 100;
/** Document types a procedure asks for (there are fewer types than that). */
export const MAX_REQUIRED_DOCUMENTS = 20;
/** Documents attached to one application. */
const MAX_ATTACHED_DOCUMENTS = 30;
/** Answers of one application (keys of its form). */
const MAX_ANSWERS = 200;
const MAX_APPLICATIONS_PAGE_SIZE = 100;
const DOCUMENT_LABEL_MAX_LENGTH = 200;
const DOCUMENT_FILE_NAME_MAX_LENGTH = 255;
/** Far above any configured DOCUMENT_MAX_BYTES (at most 1 GiB), which enrolment applies. */
const DOCUMENT_MAX_DECLARED_BYTES = 1024 * 1024 * 1024;
const MAX_DOCUMENT_PARTS = DOCUMENT_MAX_DECLARED_BYTES / DOCUMENT_PART_BYTES;
/** Bounds of a form field's min and max (a value, a length or a number of choices). */
const FIELD_BOUND = 1_000_000_000;
const MAX_CAPACITY = 100_000;
const MAX_PAGE = 100_000;
/** An answer's size at the edge; each field's own limits are enrolment's check (422). */
const MAX_ANSWER_TEXT = 10_000;
const MAX_ANSWER_PART = 500;

const SEASON_MESSAGE = 'La saison doit être de la forme 2026-2027.';
const SEASON_DOC = { example: '2026-2027', pattern: '^\\d{4}-\\d{4}$' };
const SERVICE_ID = "L'identifiant du service municipal";
const PROCEDURE_ID = "L'identifiant de la démarche";
const APPLICATION_ID = "L'identifiant de la demande";
const CHILD_ID = "L'identifiant de l'enfant";
const HOUSEHOLD_ID = "L'identifiant du foyer";
const DOCUMENT_ID = "L'identifiant du document";
const PROCEDURE_STATUS_MESSAGE = 'Le statut est draft, published ou archived.';
const APPLICATION_STATUS_MESSAGE = `Le statut doit être l'un de : ${APPLICATION_STATUSES.join(', ')}.`;
const MODE_MESSAGE = 'Le mode de validation est automatic ou manual.';
const DOCUMENT_TYPE_MESSAGE = `Le type de document doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`;
const PIECE_TYPE_MESSAGE = `Le type de pièce doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`;
const LEVELS_MESSAGE = `Les niveaux doivent être parmi : ${SCHOOL_LEVELS.join(', ')}.`;
const AGE_MESSAGE = "L'âge est un nombre entier d'années entre 0 et 25.";
/** The code of a bookable activity, e.g. `restauration-scolaire`. */
export const ACTIVITY_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const ACTIVITY_CODE_MESSAGE =
  "Le code d'activité (minuscules, chiffres, tirets) est obligatoire pour un droit de réservation.";
const ACTIVITY_NAME_MESSAGE = "Le nom de l'activité est obligatoire (200 caractères au plus).";
const OPTIONS_MESSAGE = `Un champ à choix doit proposer entre 1 et ${MAX_FIELD_OPTIONS} options { value, label }.`;
const CONDITION_VALUES_MESSAGE = 'La condition liste les valeurs qui affichent le champ.';
const VALID_UNTIL = 'La date de fin de validité';
const PART_INDEX = {
  int: { message: 'Le numéro de partie doit être un entier.' },
  min: { message: 'Les parties sont numérotées à partir de 0.' },
  max: { message: `Un document compte ${MAX_DOCUMENT_PARTS} parties au plus.` },
};

/** Optional properties that may be omitted but not null. */
const PRESENT = (_object: object, value: unknown) => value !== undefined;
/** Optional properties for which null means "none" (unlimited, no end of validity). */
const NOT_NULL = (_object: object, value: unknown) => value !== undefined && value !== null;

type Decorator = (target: object, key: string) => void;
type MessageClass = new () => object;

function apply(...decorators: Decorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, String(key)));
}

/** A school year, `2026-2027`. */
function IsSeason(): PropertyDecorator {
  return ValidateBy(
    { name: 'isSeason', validator: { validate: (value) => isSeason(value) } },
    { message: SEASON_MESSAGE },
  );
}

/** A real calendar day, YYYY-MM-DD, with its own message. */
function IsCalendarDay(message: string): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDay', validator: { validate: (value) => isCalendarDate(value) } },
    { message },
  );
}

/*
 * ValidateNested reports, with its own message, a value that is neither an object nor a list
 * (null, a text, a number); the checks below report only the rest (missing, or an object where
 * a list is expected and the reverse), so a wrong value gets exactly one message.
 */

/** A JSON object validated as the given class. */
function NestedObject(type: () => MessageClass, message: string): PropertyDecorator {
  return apply(
    ValidateBy(
      {
        name: 'isJsonObject',
        validator: { validate: (value) => value !== undefined && !Array.isArray(value) },
      },
      { message },
    ),
    ValidateNested({ message }),
    Type(type),
  );
}

/** A list of at most `maxSize` JSON objects, each validated as the given class. */
function NestedArray(
  type: () => MessageClass,
  message: string,
  maxSize: number,
  maxMessage: string,
): PropertyDecorator {
  return apply(
    ValidateBy(
      {
        name: 'isJsonArray',
        validator: {
          validate: (value) =>
            value !== undefined &&
            (Array.isArray(value) || typeof value !== 'object' || value === null),
        },
      },
      { message },
    ),
    ValidateBy(
      {
        name: 'arrayMaxSize',
        validator: { validate: (value) => !Array.isArray(value) || value.length <= maxSize },
      },
      { message: maxMessage },
    ),
    ValidateNested({ each: true, message }),
    Type(type),
  );
}

/** An optional integer between `min` and `max`, read from a query string too. */
function BoundedInteger(
  min: number,
  max: number,
  messages: { int: string; min: string; max: string },
): PropertyDecorator {
  return apply(
    Type(() => Number),
    IsInt({ message: messages.int }),
    Min(min, { message: messages.min }),
    Max(max, { message: messages.max }),
  );
}

// ---------------------------------------------------------------------------------------------
// Supporting documents

export class DocumentRef {
  @UuidField(DOCUMENT_ID, 'The document')
  id!: string;
}

export const DOCUMENT_DELETION_OUTCOMES = ['deleted', 'hidden'] as const;
export type DocumentDeletionOutcome = (typeof DOCUMENT_DELETION_OUTCOMES)[number];

/**
 * What became of a document the family deleted: destroyed, or — evidence of an application sent
 * to a service — kept with the application and only taken out of the family's list.
 */
export class DocumentDeletionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DOCUMENT_DELETION_OUTCOMES }) outcome!: DocumentDeletionOutcome;
  @ApiProperty({
    example:
      'Ce document est une pièce justificative d’une demande envoyée : il est conservé avec la demande et retiré de votre liste.',
  })
  message!: string;
  @ApiProperty({
    type: [String],
    description: 'The applications that keep it (hidden)',
    example: ['0193b6f2-7c1e-7a55-9d0e-3f1c2b4a5d6e'],
  })
  keptFor!: string[];
}

export class DocumentUploadRef {
  @UuidField("L'identifiant du dépôt", 'The upload in progress')
  uploadId!: string;
}

/** Starts an upload; the bytes follow in parts (a NATS message is bounded to ~1 MiB). */
export class BeginDocumentUploadCommand {
  @OptionalUuidField(
    HOUSEHOLD_ID,
    "Agents filing at the counter: the family's household. Families upload to their own.",
  )
  householdId?: string;

  @ApiProperty({ enum: DOCUMENT_TYPES, description: 'What the document is' })
  @IsIn(DOCUMENT_TYPES, { message: DOCUMENT_TYPE_MESSAGE })
  documentType!: DocumentType;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: DOCUMENT_LABEL_MAX_LENGTH,
    example: 'Facture EDF de mars',
    description: 'Label shown to the family; the label of the type when absent',
  })
  @OptionalText('Le libellé', DOCUMENT_LABEL_MAX_LENGTH)
  label?: string | null;

  @ApiProperty({
    maxLength: DOCUMENT_FILE_NAME_MAX_LENGTH,
    example: 'facture-edf-mars.pdf',
    description: 'Original name (path removed, unsafe characters replaced)',
  })
  @RequiredText('Le nom du fichier', DOCUMENT_FILE_NAME_MAX_LENGTH)
  fileName!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-03-31',
    description: 'Last day the document is valid (e.g. a proof of address)',
  })
  @ValidateIf(NOT_NULL)
  @IsCalendarDate(VALID_UNTIL)
  validUntil?: string | null;

  @ApiProperty({
    type: 'integer',
    description: 'Bytes',
    minimum: 1,
    maximum: DOCUMENT_MAX_DECLARED_BYTES,
  })
  @IsInt({ message: 'La taille du fichier doit être un nombre entier d’octets.' })
  @Min(1, { message: 'Le fichier est vide.' })
  @Max(DOCUMENT_MAX_DECLARED_BYTES, { message: 'Un document ne doit pas dépasser 1 Gio.' })
  size!: number;
}

/** What describes an upload, in the query string: the body is the file itself. */
export class UploadDocumentQuery extends OmitType(BeginDocumentUploadCommand, ['size'] as const) {}

export class DocumentUploadPartCommand extends DocumentUploadRef {
  @ApiProperty({
    type: 'integer',
    description: '0-based, consecutive',
    minimum: 0,
    maximum: MAX_DOCUMENT_PARTS - 1,
  })
  @IsInt(PART_INDEX.int)
  @Min(0, PART_INDEX.min)
  @Max(MAX_DOCUMENT_PARTS - 1, PART_INDEX.max)
  index!: number;

  @ApiProperty({
    format: 'byte',
    maxLength: Math.ceil(DOCUMENT_PART_BYTES / 3) * 4,
    description: `At most ${DOCUMENT_PART_BYTES} bytes, base64`,
  })
  @IsString({ message: 'Le contenu de la partie doit être un texte en base64.' })
  @IsNotEmpty({ message: 'Le contenu de la partie est obligatoire.' })
  @MaxLength(Math.ceil(DOCUMENT_PART_BYTES / 3) * 4, {
    message: `Une partie ne doit pas dépasser ${DOCUMENT_PART_BYTES} octets.`,
  })
  @IsBase64({}, { message: 'Le contenu de la partie doit être encodé en base64.' })
  contentBase64!: string;
}

export class UpdateDocumentCommand extends DocumentRef {
  @ApiPropertyOptional({ enum: DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES, { message: DOCUMENT_TYPE_MESSAGE })
  documentType?: DocumentType;

  @ApiPropertyOptional({ maxLength: DOCUMENT_LABEL_MAX_LENGTH, example: 'Facture EDF de mars' })
  @ValidateIf(PRESENT)
  @RequiredText('Le libellé', DOCUMENT_LABEL_MAX_LENGTH)
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

export class UpdateDocumentBody extends OmitType(UpdateDocumentCommand, ['id'] as const) {}

export class DownloadDocumentPartQuery extends DocumentRef {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_DOCUMENT_PARTS - 1 })
  @BoundedInteger(0, MAX_DOCUMENT_PARTS - 1, {
    int: PART_INDEX.int.message,
    min: PART_INDEX.min.message,
    max: PART_INDEX.max.message,
  })
  index!: number;
}

export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: DocumentType;
  @ApiProperty({ example: 'Justificatif de domicile de moins de 3 mois' })
  documentTypeLabel!: string;
  @ApiProperty({ example: 'Facture EDF de mars' }) label!: string;
  @ApiProperty({ example: 'facture-edf-mars.pdf' }) fileName!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES, description: 'Recognised from the bytes' })
  contentType!: DocumentContentType;
  @ApiProperty({ description: 'Bytes', example: 184_320 }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hexadecimal' }) sha256!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day the document is valid (e.g. a proof of address), when it expires',
  })
  validUntil!: string | null;
  @ApiProperty({ description: 'validUntil is past (Europe/Paris)' }) expired!: boolean;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Applications it is attached to; one still in progress prevents deletion',
  })
  usedBy!: string[];
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class DocumentsPage {
  @ApiProperty({ type: [DocumentView], description: 'Newest first' }) items!: DocumentView[];
  @ApiProperty({ description: 'Bytes stored by the household' }) usedBytes!: number;
  @ApiProperty({ description: "The household's storage quota, in bytes" }) quotaBytes!: number;
}

export class DocumentPart {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'facture-edf-mars.pdf' }) fileName!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES }) contentType!: DocumentContentType;
  @ApiProperty({ description: 'Bytes of the whole document' }) size!: number;
  @ApiProperty({ description: '0-based' }) index!: number;
  @ApiProperty({ description: 'Number of parts of the whole document' }) parts!: number;
  @ApiProperty({ format: 'byte' }) contentBase64!: string;
}

// ---------------------------------------------------------------------------------------------
// Procedures and their forms (one class for what agents write and families read)

/*
 * The gateway checks a form's shape: JSON types, the field types, sizes. Whether it can be
 * answered (key format and uniqueness, options of choices, bounds in order, a pattern that
 * compiles, conditions on an earlier field) is enrolment's check: 422 INVALID_FORM_DEFINITION,
 * field by field. The examples are those of the demo procedure of school catering in Vichy
 * (scripts/seed-enrolment.ts).
 */

export class FormFieldOption {
  @ApiProperty({ example: 'no-pork', maxLength: 200 })
  @IsString({ message: 'Chaque option a une valeur et un libellé.' })
  @MaxLength(200, { message: "La valeur d'une option ne doit pas dépasser 200 caractères." })
  value!: string;

  @ApiProperty({ example: 'Menu sans porc', maxLength: 300 })
  @IsString({ message: 'Chaque option a une valeur et un libellé.' })
  @MaxLength(300, { message: "Le libellé d'une option ne doit pas dépasser 300 caractères." })
  label!: string;
}

/** Shows a field only when another field's answer equals one of the values. */
export class FieldCondition {
  @ApiProperty({
    description: 'Key of a field placed earlier in the form',
    example: 'allergies',
    maxLength: 48,
  })
  @IsString({ message: 'La condition doit nommer la clé d’un champ.' })
  @MaxLength(48, { message: 'La condition doit nommer la clé d’un champ.' })
  field!: string;

  @ApiProperty({
    description:
      'The answers of that field that show this one (any of them; for a multiple choice, any selected)',
    type: 'array',
    items: { oneOf: [{ type: 'string', maxLength: 200 }, { type: 'number' }, { type: 'boolean' }] },
    minItems: 1,
    maxItems: MAX_FIELD_OPTIONS,
    example: [true],
  })
  @ValidateBy(
    {
      name: 'isConditionValues',
      validator: {
        validate: (value) =>
          Array.isArray(value) &&
          value.length > 0 &&
          value.length <= MAX_FIELD_OPTIONS &&
          value.every(
            (item) =>
              typeof item === 'boolean' ||
              (typeof item === 'string' && item.length <= 200) ||
              (typeof item === 'number' && Math.abs(item) <= FIELD_BOUND),
          ),
      },
    },
    { message: CONDITION_VALUES_MESSAGE },
  )
  equals!: Array<string | number | boolean>;
}

/**
 * The commune a `resides-in-commune` question asks about, by name or INSEE code (or the
 * directory's organisation id). Enrolment links it to the directory when the procedure is
 * written: `organisationId` and the directory's name are then filled in and `inDirectory` is
 * true; a commune outside the directory is kept as typed, `inDirectory` false.
 */
export class FieldCommune {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la commune doit être un UUID." })
  organisationId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '03023',
    pattern: INSEE_CODE_PATTERN.source,
  })
  @IsOptional()
  @Matches(INSEE_CODE_PATTERN, { message: 'Le code INSEE de la commune est invalide.' })
  inseeCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bellerive-sur-Allier' })
  @OptionalText('Le nom de la commune', 100)
  name?: string | null;

  @ApiPropertyOptional({
    description: 'Set by enrolment: linked to a commune of the directory (ignored when sent)',
  })
  @IsOptional()
  @IsBoolean({ message: 'inDirectory doit valoir true ou false.' })
  inDirectory?: boolean;
}

function FieldBound(name: 'min' | 'max', description: string): PropertyDecorator {
  const bounds = { message: `${name} doit être compris entre -${FIELD_BOUND} et ${FIELD_BOUND}.` };
  return apply(
    ApiPropertyOptional({
      type: Number,
      nullable: true,
      minimum: -FIELD_BOUND,
      maximum: FIELD_BOUND,
      description,
    }),
    IsOptional(),
    IsNumber(
      { allowNaN: false, allowInfinity: false },
      { message: `${name} doit être un nombre.` },
    ),
    Min(-FIELD_BOUND, bounds),
    Max(FIELD_BOUND, bounds),
  );
}

export class FormField {
  @ApiProperty({
    description:
      'Key of the answer: a lower-case letter, then letters, digits or hyphens (48 at most)',
    example: 'allergies',
    maxLength: 48,
  })
  @IsString({ message: 'La clé doit être un texte.' })
  @MaxLength(48, { message: 'La clé ne doit pas dépasser 48 caractères.' })
  key!: string;

  @ApiProperty({ enum: FORM_FIELD_TYPES, example: 'yes-no' })
  @IsIn(FORM_FIELD_TYPES, {
    message: `Le type doit être l'un de : ${FORM_FIELD_TYPES.join(', ')}.`,
  })
  type!: FormFieldType;

  @ApiProperty({
    example: 'Votre enfant a-t-il une allergie ou une intolérance alimentaire ?',
    maxLength: 300,
  })
  @IsString({ message: 'Le libellé est obligatoire (300 caractères au plus).' })
  @MaxLength(300, { message: 'Le libellé est obligatoire (300 caractères au plus).' })
  label!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    example: 'Un PAI est nécessaire pour tout régime lié à la santé de l’enfant.',
  })
  @IsOptional()
  @IsString({ message: "L'aide doit être un texte de 2000 caractères au plus." })
  @MaxLength(2000, { message: "L'aide doit être un texte de 2000 caractères au plus." })
  help?: string | null;

  @ApiProperty({ description: 'Whether an answer is needed to submit (when the field is shown)' })
  @IsBoolean({ message: 'required doit valoir true ou false.' })
  required!: boolean;

  @ApiPropertyOptional({
    type: [FormFieldOption],
    maxItems: MAX_FIELD_OPTIONS,
    description: `single-choice and multiple-choice only (1 to ${MAX_FIELD_OPTIONS} options)`,
  })
  @IsOptional()
  @NestedArray(() => FormFieldOption, OPTIONS_MESSAGE, MAX_FIELD_OPTIONS, OPTIONS_MESSAGE)
  options?: FormFieldOption[];

  @FieldBound(
    'min',
    'number: least value; text: least length; multiple-choice: least number of choices',
  )
  min?: number | null;

  @FieldBound('max', 'number: greatest value; text: greatest length; multiple-choice: most choices')
  max?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-09-01',
    description: 'date: earliest day accepted',
  })
  @IsOptional()
  @IsCalendarDay('minDate doit être une date AAAA-MM-JJ.')
  minDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-07-02',
    description: 'date: latest day accepted',
  })
  @IsOptional()
  @IsCalendarDay('maxDate doit être une date AAAA-MM-JJ.')
  maxDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description: 'text: a regular expression (Unicode) the whole answer must match',
    example: '[A-Za-z0-9-]{4,20}',
  })
  @IsOptional()
  @IsString({ message: 'Le motif doit être une expression régulière de 500 caractères au plus.' })
  @MaxLength(500, {
    message: 'Le motif doit être une expression régulière de 500 caractères au plus.',
  })
  pattern?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description: 'text: what the family reads when the answer does not match the pattern',
    example: 'Le numéro de licence compte 4 à 20 lettres, chiffres ou tirets.',
  })
  @IsOptional()
  @IsString({ message: 'Le message du motif doit être un texte de 500 caractères au plus.' })
  @MaxLength(500, {
    message: 'Le message du motif doit être un texte de 500 caractères au plus.',
  })
  patternMessage?: string | null;

  @ApiPropertyOptional({
    type: FieldCondition,
    nullable: true,
    description: 'Show the field only when an earlier field has one of these answers',
  })
  @IsOptional()
  @NestedObject(() => FieldCondition, 'La condition doit être un objet { field, equals }.')
  visibleWhen?: FieldCondition | null;

  @ApiPropertyOptional({
    enum: FIELD_SEMANTICS,
    nullable: true,
    description:
      "What the answer means for enrolment: resides-in-commune (yes-no with `commune`: the answer is checked against the household's communes), commune-of-residence (address or text: where the child lives, linked to the directory and checked against the household's communes). A contradiction is kept as a residence discrepancy the agent sees",
  })
  @IsOptional()
  @IsIn(FIELD_SEMANTICS, {
    message: `Le sens du champ doit être l'un de : ${FIELD_SEMANTICS.join(', ')}.`,
  })
  semantics?: FieldSemantics | null;

  @ApiPropertyOptional({
    type: FieldCommune,
    nullable: true,
    description: 'resides-in-commune only: the commune the question asks about',
  })
  @IsOptional()
  @NestedObject(() => FieldCommune, 'La commune doit être un objet { name, inseeCode }.')
  commune?: FieldCommune | null;

  @ApiPropertyOptional({
    enum: PREFILL_SOURCES,
    nullable: true,
    example: 'child.allergies',
    description:
      "The field of the child's record the answer is prefilled from when a draft starts (child.allergies: yes-no or text; child.pai: yes-no; child.pai-details: text); the family confirms it",
  })
  @IsOptional()
  @IsIn(PREFILL_SOURCES, {
    message: `La source du préremplissage doit être l'une de : ${PREFILL_SOURCES.join(', ')}.`,
  })
  prefillFrom?: PrefillSource | null;
}

export class FormDefinition {
  @ApiProperty({ type: [FormField], maxItems: MAX_FORM_FIELDS })
  @NestedArray(
    () => FormField,
    'Le formulaire doit contenir une liste de champs (des objets).',
    MAX_FORM_FIELDS,
    `Le formulaire ne peut pas dépasser ${MAX_FORM_FIELDS} champs.`,
  )
  fields!: FormField[];
}

export class RequiredDocument {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'justificatif-de-domicile' })
  @IsIn(DOCUMENT_TYPES, { message: PIECE_TYPE_MESSAGE })
  documentType!: DocumentType;

  @ApiProperty({ description: 'Needed to submit; otherwise offered' })
  @IsBoolean({ message: 'required doit valoir true ou false.' })
  required!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'Facture d’énergie, d’eau ou de téléphone, ou quittance de loyer, de moins de 3 mois.',
    description: 'What the family should provide, when the type alone is not enough',
  })
  @IsOptional()
  @IsString({ message: "L'aide est un texte de 500 caractères au plus." })
  @MaxLength(500, { message: "L'aide est un texte de 500 caractères au plus." })
  help?: string | null;
}

function AgeYears(): PropertyDecorator {
  return apply(
    ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 25 }),
    IsOptional(),
    IsInt({ message: AGE_MESSAGE }),
    Min(0, { message: AGE_MESSAGE }),
    Max(25, { message: AGE_MESSAGE }),
  );
}

export class Eligibility {
  /** Age in whole years on `ageOn` (default: the first day of the season). */
  @AgeYears()
  minAgeYears?: number | null;

  @AgeYears()
  maxAgeYears?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Day the age is reckoned on (default: the first day of the season, 1 September)',
  })
  @IsOptional()
  @IsCalendarDay('La date de référence de l’âge doit être une date AAAA-MM-JJ.')
  ageOn?: string | null;

  @ApiPropertyOptional({
    enum: SCHOOL_LEVELS,
    isArray: true,
    nullable: true,
    maxItems: SCHOOL_LEVELS.length,
    example: ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'],
    description: 'Class levels admitted; any when absent or empty',
  })
  @IsOptional()
  @IsArray({ message: LEVELS_MESSAGE })
  @ArrayMaxSize(SCHOOL_LEVELS.length, { message: LEVELS_MESSAGE })
  @IsIn(SCHOOL_LEVELS, { each: true, message: LEVELS_MESSAGE })
  schoolLevels?: SchoolLevel[] | null;

  @ApiPropertyOptional({
    enum: RESIDENCE_RULES,
    default: 'any',
    description: "organisation: a guardian lives in a commune of the procedure's organisation",
  })
  @ValidateIf(PRESENT)
  @IsIn(RESIDENCE_RULES, { message: 'La condition de résidence doit être any ou organisation.' })
  residence?: ResidenceRule;
}

const isActivityBooking = (grant: ProcedureGrant) => grant.kind === 'activity-booking';

/** What an accepted application gives the child. */
export class ProcedureGrant {
  @ApiProperty({
    enum: GRANT_KINDS,
    description:
      'activity-booking: the child may then book the activity for the season; school-assignment: the agent assigns a school (registration certificate)',
  })
  @IsIn(GRANT_KINDS, {
    message: `Ce que donne l'acceptation doit être l'un de : ${GRANT_KINDS.join(', ')}.`,
  })
  kind!: GrantKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'restauration-scolaire',
    pattern: ACTIVITY_CODE_PATTERN.source,
    description: 'activity-booking only (required then)',
  })
  @ValidateIf(isActivityBooking)
  @IsString({ message: ACTIVITY_CODE_MESSAGE })
  @Matches(ACTIVITY_CODE_PATTERN, { message: ACTIVITY_CODE_MESSAGE })
  activityCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Restauration scolaire',
    description: 'activity-booking only (required then)',
  })
  @ValidateIf(isActivityBooking)
  @IsString({ message: ACTIVITY_NAME_MESSAGE })
  @IsNotEmpty({ message: ACTIVITY_NAME_MESSAGE })
  @MaxLength(200, { message: ACTIVITY_NAME_MESSAGE })
  activityName?: string | null;

  @ApiPropertyOptional({
    enum: ['pre-billing', 'post-billing'],
    nullable: true,
    description:
      'activity-booking only: billed at booking ("pré-facturation") or at month end (default)',
  })
  @IsOptional()
  @IsIn(['pre-billing', 'post-billing'], {
    message: 'La facturation est pre-billing ou post-billing.',
  })
  billing?: 'pre-billing' | 'post-billing' | null;
}

export class ProcedureRef {
  @UuidField(PROCEDURE_ID, 'The procedure ("démarche")')
  id!: string;
}

export class ListOpenProceduresQuery {
  @OptionalUuidField(
    "L'identifiant de la collectivité",
    'One organisation (a commune or the agglomeration)',
  )
  organisationId?: string;

  @OptionalUuidField(SERVICE_ID)
  municipalServiceId?: string;

  @ApiPropertyOptional(SEASON_DOC)
  @IsOptional()
  @IsSeason()
  season?: string;
}

export class ListManagedProceduresQuery {
  @OptionalUuidField(SERVICE_ID, 'One of your services')
  municipalServiceId?: string;

  @ApiPropertyOptional(SEASON_DOC)
  @IsOptional()
  @IsSeason()
  season?: string;

  @ApiPropertyOptional({ enum: PROCEDURE_STATUSES })
  @IsOptional()
  @IsIn(PROCEDURE_STATUSES, { message: PROCEDURE_STATUS_MESSAGE })
  status?: ProcedureStatus;
}

const FORM_MESSAGE = 'Le formulaire doit être un objet { fields: [...] }.';
const REQUIRED_DOCUMENTS_MESSAGE =
  'Les pièces demandées doivent être une liste d’objets { documentType, required }.';
const GRANT_MESSAGE = "Ce que donne l'acceptation doit être un objet { kind, ... }.";

export class CreateProcedureCommand {
  @UuidField(SERVICE_ID, 'One of your services')
  municipalServiceId!: string;

  @ApiProperty(SEASON_DOC)
  @IsSeason()
  season!: string;

  @ApiProperty({ example: 'Inscription à la restauration scolaire', maxLength: 200 })
  @RequiredText('Le titre', 200)
  title!: string;

  @ApiProperty({
    maxLength: 20_000,
    description: 'Step 1 ("avant de commencer"): what the family must know (plain text)',
  })
  @RequiredText('Le texte explicatif', 20_000)
  description!: string;

  @ApiProperty({
    type: FormDefinition,
    description:
      'Step 2: the questions. A change replaces the form; applications keep the answers they were given',
  })
  @NestedObject(() => FormDefinition, FORM_MESSAGE)
  form!: FormDefinition;

  @ApiProperty({ type: [RequiredDocument], maxItems: MAX_REQUIRED_DOCUMENTS })
  @NestedArray(
    () => RequiredDocument,
    REQUIRED_DOCUMENTS_MESSAGE,
    MAX_REQUIRED_DOCUMENTS,
    `Les pièces demandées sont une liste de ${MAX_REQUIRED_DOCUMENTS} types au plus.`,
  )
  requiredDocuments!: RequiredDocument[];

  @ApiProperty({ type: Eligibility })
  @NestedObject(() => Eligibility, "Les conditions d'accès doivent être un objet.")
  eligibility!: Eligibility;

  @ApiProperty({ format: 'date-time', example: '2026-06-01T08:00:00+02:00' })
  @IsISO8601({ strict: true }, { message: "La date d'ouverture doit être une date ISO 8601." })
  opensAt!: string;

  @ApiProperty({ format: 'date-time', example: '2027-07-03T00:00:00+02:00' })
  @IsISO8601({ strict: true }, { message: 'La date de clôture doit être une date ISO 8601.' })
  closesAt!: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_CAPACITY,
    example: 120,
    description: 'Places; unlimited when absent or null; never below the places already taken',
  })
  @ValidateIf(NOT_NULL)
  @Type(() => Number)
  @IsInt({ message: 'La capacité doit être un nombre entier de places.' })
  @Min(1, { message: 'La capacité est d’au moins une place.' })
  @Max(MAX_CAPACITY, { message: `La capacité ne doit pas dépasser ${MAX_CAPACITY} places.` })
  capacity?: number | null;

  @ApiProperty({
    enum: VALIDATION_MODES,
    description: 'automatic: accepted at submission (within capacity); manual: an agent decides',
  })
  @IsIn(VALIDATION_MODES, { message: MODE_MESSAGE })
  validationMode!: ValidationMode;

  @ApiProperty({ type: ProcedureGrant })
  @NestedObject(() => ProcedureGrant, GRANT_MESSAGE)
  grant!: ProcedureGrant;

  @ApiPropertyOptional({
    enum: PROCEDURE_STATUSES,
    default: 'draft',
    description: 'published: families see it (and apply within its window); archived: hidden',
  })
  @IsOptional()
  @IsIn(PROCEDURE_STATUSES, { message: PROCEDURE_STATUS_MESSAGE })
  status?: ProcedureStatus;
}

/**
 * Every field may be omitted (unchanged); none may be null but the capacity (unlimited). The
 * season and service of a procedure never change.
 */
export class UpdateProcedureCommand extends IntersectionType(
  ProcedureRef,
  PartialType(OmitType(CreateProcedureCommand, ['municipalServiceId', 'season'] as const), {
    skipNullProperties: false,
  }),
) {}

export class UpdateProcedureBody extends OmitType(UpdateProcedureCommand, ['id'] as const) {}

export class ProcedureSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ example: 'Vichy' }) organisationName!: string;
  @ApiProperty({ format: 'uuid' }) municipalServiceId!: string;
  @ApiProperty({ example: 'Restauration scolaire' }) municipalServiceName!: string;
  @ApiProperty({ example: '2026-2027' }) season!: string;
  @ApiProperty({ example: 'Inscription à la restauration scolaire' }) title!: string;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Places; null: unlimited' })
  capacity!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Places left; null: unlimited' })
  placesLeft!: number | null;
  @ApiProperty({ enum: VALIDATION_MODES }) validationMode!: ValidationMode;
  @ApiProperty({ enum: GRANT_KINDS }) grantKind!: GrantKind;
  @ApiProperty({ enum: PROCEDURE_STATUSES }) status!: ProcedureStatus;
  @ApiProperty({ description: 'Open to families right now (published, within its window)' })
  open!: boolean;
}

export class ProcedureView extends ProcedureSummaryView {
  @ApiProperty({ description: 'Step 1: what the family must know before starting (plain text)' })
  description!: string;
  @ApiProperty({ type: FormDefinition }) form!: FormDefinition;
  @ApiProperty({ type: [RequiredDocument] }) requiredDocuments!: RequiredDocument[];
  @ApiProperty({ type: Eligibility }) eligibility!: Eligibility;
  @ApiProperty({ type: ProcedureGrant }) grant!: ProcedureGrant;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

// ---------------------------------------------------------------------------------------------
// Applications

export class AddressAnswer {
  @ApiProperty({ example: '12 rue de Paris', maxLength: MAX_ANSWER_PART }) line1!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_ANSWER_PART })
  line2?: string | null;
  @ApiProperty({ example: '03200', maxLength: MAX_ANSWER_PART }) postalCode!: string;
  @ApiProperty({ example: 'Vichy', maxLength: MAX_ANSWER_PART }) city!: string;
}

const ADDRESS_PARTS = new Set(['line1', 'line2', 'postalCode', 'city']);
const ANSWERS_MESSAGE = 'Les réponses doivent être un objet { question: réponse }.';
const ANSWER_MESSAGE =
  'Chaque réponse doit être un texte, un nombre, un booléen, une liste de textes, une adresse ou null (pour l’effacer).';
const ANSWER_TOO_LARGE = `Une réponse compte ${MAX_ANSWER_TEXT} caractères, ${MAX_FIELD_OPTIONS} choix de ${MAX_ANSWER_PART} caractères ou un nombre entre -${FIELD_BOUND} et ${FIELD_BOUND} au plus.`;

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One answer has the JSON shape of some field type; whether it suits its field is enrolment's check. */
function isAnswerShape(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string');
  return (
    isJsonObject(value) &&
    Object.values(value).every((part) => part === null || typeof part === 'string')
  );
}

/** Within the bounds of the edge (a well-shaped answer). */
function isAnswerBounded(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= MAX_ANSWER_TEXT;
  if (typeof value === 'number') return Math.abs(value) <= FIELD_BOUND;
  if (Array.isArray(value)) {
    return (
      value.length <= MAX_FIELD_OPTIONS &&
      value.every((item: string) => item.length <= MAX_ANSWER_PART)
    );
  }
  if (isJsonObject(value)) {
    return Object.entries(value).every(
      ([key, part]) =>
        ADDRESS_PARTS.has(key) && (part === null || (part as string).length <= MAX_ANSWER_PART),
    );
  }
  return true;
}

function answersProblem(value: unknown): string | undefined {
  if (!isJsonObject(value)) return ANSWERS_MESSAGE;
  const answers = Object.values(value);
  if (answers.length > MAX_ANSWERS) return `Une demande compte ${MAX_ANSWERS} réponses au plus.`;
  if (!answers.every(isAnswerShape)) return ANSWER_MESSAGE;
  if (!answers.every(isAnswerBounded)) return ANSWER_TOO_LARGE;
  return undefined;
}

/** Free keys (those of the procedure's form), each answer of a bounded JSON shape. */
function IsAnswers(): PropertyDecorator {
  return ValidateBy({
    name: 'isAnswers',
    validator: {
      validate: (value) => answersProblem(value) === undefined,
      defaultMessage: (args) => answersProblem(args?.value) ?? ANSWER_MESSAGE,
    },
  });
}

const ANSWER_SCHEMA = {
  nullable: true,
  oneOf: [
    {
      type: 'string',
      maxLength: MAX_ANSWER_TEXT,
      description: 'text, date (YYYY-MM-DD), single-choice value, child id',
    },
    { type: 'number', minimum: -FIELD_BOUND, maximum: FIELD_BOUND },
    { type: 'boolean', description: 'yes-no, consent' },
    {
      type: 'array',
      items: { type: 'string', maxLength: MAX_ANSWER_PART },
      maxItems: MAX_FIELD_OPTIONS,
      description: 'multiple-choice values',
    },
    // The gateway's controllers register AddressAnswer (@ApiExtraModels) for this reference.
    { $ref: getSchemaPath(AddressAnswer) },
  ],
};

const ANSWERS_DESCRIPTION =
  "Answers by field key of the procedure's form. A text, date, single choice or child id is a string; a number a number; yes-no and consent a boolean; a multiple choice a list of values; an address an object.";

/** Answers to the form of the demo procedure "Inscription à la restauration scolaire" (Vichy). */
const ANSWERS_EXAMPLE: Answers = {
  'start-date': '2026-09-01',
  'usual-days': ['monday', 'tuesday', 'thursday'],
  allergies: true,
  'allergies-details': 'Arachides : éviction stricte, trousse d’urgence dans la classe.',
  pai: true,
  diet: 'no-pork',
  'image-rights': false,
  payer: 'first-guardian',
  'direct-debit': true,
  consent: true,
};

export class DocumentChoice {
  @ApiProperty({ enum: DOCUMENT_TYPES, description: 'A document type the procedure asks for' })
  @IsIn(DOCUMENT_TYPES, { message: PIECE_TYPE_MESSAGE })
  documentType!: DocumentType;

  @UuidField(DOCUMENT_ID, "A document of the household's storage")
  documentId!: string;
}

/** Step 2 of a draft: answers merged into those saved, documents replacing the selection. */
export class UpdateApplicationBody {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: ANSWER_SCHEMA,
    maxProperties: MAX_ANSWERS,
    description: `${ANSWERS_DESCRIPTION} Merged into the saved answers; null removes one.`,
    example: ANSWERS_EXAMPLE,
  })
  @IsOptional()
  @IsAnswers()
  answers?: Answers;

  @ApiPropertyOptional({
    type: [DocumentChoice],
    maxItems: MAX_ATTACHED_DOCUMENTS,
    description: 'The supporting documents to attach; replaces the previous selection',
  })
  @IsOptional()
  @NestedArray(
    () => DocumentChoice,
    "Les pièces jointes doivent être une liste d'objets { documentType, documentId }.",
    MAX_ATTACHED_DOCUMENTS,
    `Une demande compte ${MAX_ATTACHED_DOCUMENTS} pièces jointes au plus.`,
  )
  documents?: DocumentChoice[];
}

export class StartApplicationBody extends UpdateApplicationBody {
  @UuidField(PROCEDURE_ID, 'An open procedure')
  procedureId!: string;

  @UuidField(CHILD_ID, 'A child of the household')
  childId!: string;
}

/** At the counter, an agent files for a family: it names the household. */
export class StartApplicationForHouseholdBody extends StartApplicationBody {
  @UuidField(HOUSEHOLD_ID, 'The family’s household')
  householdId!: string;
}

/**
 * Creates a draft (procedure and child, and the household for an agent), or updates it when
 * `applicationId` is given; enrolment says what is missing for whom.
 */
export class SaveDraftCommand extends PartialType(StartApplicationForHouseholdBody) {
  @OptionalUuidField(APPLICATION_ID, 'Absent to start a draft')
  applicationId?: string;
}

export class ApplicationRef {
  @UuidField(APPLICATION_ID)
  applicationId!: string;
}

/** The `:id` of an application's routes. */
export class ApplicationPath {
  @UuidField(APPLICATION_ID, 'The application ("demande")')
  id!: string;
}

export class WithdrawApplicationCommand extends ApplicationRef {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @OptionalText('Le motif', 1000)
  reason?: string | null;
}

export class WithdrawApplicationBody extends OmitType(WithdrawApplicationCommand, [
  'applicationId',
] as const) {}

export class DecideApplicationCommand extends ApplicationRef {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: 'La décision est accept, reject ou request-information.' })
  decision!: Decision;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    example: 'Merci de joindre un justificatif de domicile de moins de 3 mois.',
    description:
      'Required to reject (the reason) and to request information (what is missing); the family reads it',
  })
  @OptionalText('Le message', 2000)
  message?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "Required to accept a school pre-registration: a school of the procedure's organisation",
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  schoolId?: string | null;
}

export class DecideApplicationBody extends OmitType(DecideApplicationCommand, [
  'applicationId',
] as const) {}

class ApplicationsPageQuery {
  @PageNumberField(MAX_PAGE)
  page?: number;

  @PageSizeField(MAX_APPLICATIONS_PAGE_SIZE, 20)
  pageSize?: number;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: APPLICATION_STATUS_MESSAGE })
  status?: ApplicationStatus;

  @ApiPropertyOptional(SEASON_DOC)
  @IsOptional()
  @IsSeason()
  season?: string;
}

export class ListMyApplicationsQuery extends ApplicationsPageQuery {}

export class ListApplicationsQuery extends ApplicationsPageQuery {
  @OptionalUuidField(PROCEDURE_ID)
  procedureId?: string;

  @OptionalUuidField(SERVICE_ID, 'One of your services')
  municipalServiceId?: string;

  @OptionalUuidField(CHILD_ID)
  childId?: string;

  @OptionalUuidField(HOUSEHOLD_ID)
  householdId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: "Child's first or last name, starting with (accents and case ignored)",
    example: 'Leo',
  })
  @OptionalText("Le nom de l'enfant", 100)
  childName?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      "true: only applications whose answers contradict the household's commune of residence; false: only the others",
  })
  @QueryBoolean('residenceDiscrepancy')
  residenceDiscrepancy?: boolean;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Submitted on or after this day (Europe/Paris)',
  })
  @IsOptional()
  @IsCalendarDay('La date de début doit être une date AAAA-MM-JJ.')
  submittedFrom?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Submitted on or before this day (Europe/Paris)',
  })
  @IsOptional()
  @IsCalendarDay('La date de fin doit être une date AAAA-MM-JJ.')
  submittedTo?: string;
}

export class ApplicationChild {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Léo' }) firstName!: string;
  @ApiProperty({ example: 'MARTIN' }) lastName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ enum: SCHOOL_LEVELS, nullable: true }) schoolLevel!: SchoolLevel | null;
}

export class AttachedDocument {
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: DocumentType;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Null once the family deleted the document (a finished application keeps its trace)',
  })
  documentId!: string | null;
  @ApiProperty({ example: 'livret-de-famille.pdf' }) fileName!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES }) contentType!: DocumentContentType;
  @ApiProperty({ description: 'Bytes' }) size!: number;
}

export class SchoolAssignment {
  @ApiProperty({ format: 'uuid' }) schoolId!: string;
  @ApiProperty({ example: 'École élémentaire Jean Zay' }) schoolName!: string;
  @ApiProperty({
    example: 'Rue de la Perche, 03200 Vichy',
    description: 'One line: street, postal code and city',
  })
  schoolAddress!: string;
}

/** Step 3, the "récapitulatif": each visible answer as the family would read it. */
export class SummaryLine {
  @ApiProperty({ example: 'Votre enfant a-t-il une allergie ou une intolérance alimentaire ?' })
  label!: string;
  @ApiProperty({ example: 'Oui' }) value!: string;
}

export class ApplicationHistoryActor {
  @ApiProperty({ enum: ['family', 'agent', 'admin', 'system'] })
  kind!: 'family' | 'agent' | 'admin' | 'system';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) accountId!: string | null;
}

export class ApplicationHistoryEntry {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ApplicationHistoryActor }) actor!: ApplicationHistoryActor;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Reason of a refusal, message of an information request, note of a decision',
  })
  message!: string | null;
}

export class ApplicationFiledBy {
  @ApiProperty({ enum: ['family', 'agent'], description: 'agent: filed at the counter' })
  kind!: 'family' | 'agent';
  @ApiProperty({ format: 'uuid' }) accountId!: string;
}

/** A commune of an answer or a question, linked to the directory when it is one of its own. */
export class ResolvedCommune {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The directory’s commune',
  })
  organisationId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '03023' }) inseeCode!: string | null;
  @ApiProperty({
    example: 'Bellerive-sur-Allier',
    description: 'The directory’s name, else as typed',
  })
  name!: string;
  @ApiProperty({ description: 'false: not a commune of the directory, kept as typed' })
  inDirectory!: boolean;
}

/**
 * An answer that contradicts where the household lives (its guardians' communes of residence),
 * e.g. "Résidez-vous à Bellerive-sur-Allier ? Oui" for a household in Vichy. The application is
 * not refused: the agent sees it and decides (the derogation path).
 */
export class ResidenceDiscrepancy {
  @ApiProperty({ example: 'resident', description: 'Key of the form field' }) field!: string;
  @ApiProperty({ example: 'Résidez-vous à Bellerive-sur-Allier ?' }) question!: string;
  @ApiProperty({ example: 'Oui' }) answer!: string;
  @ApiProperty({ type: ResolvedCommune, description: 'The commune the answer is about' })
  commune!: ResolvedCommune;
  @ApiProperty({ type: [String], example: ['Vichy'], description: "The household's communes" })
  householdCommunes!: string[];
  @ApiProperty({
    example:
      'Réponse « Oui » à « Résidez-vous à Bellerive-sur-Allier ? » alors que le foyer réside à Vichy.',
  })
  message!: string;
}

export class ApplicationListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'D-2026-000123', description: 'Reference to quote on the phone' })
  reference!: string;
  @ApiProperty({ format: 'uuid' }) procedureId!: string;
  @ApiProperty({ example: 'Inscription à la restauration scolaire' }) procedureTitle!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ example: 'Vichy' }) organisationName!: string;
  @ApiProperty({ format: 'uuid' }) municipalServiceId!: string;
  @ApiProperty({ example: 'Restauration scolaire' }) municipalServiceName!: string;
  @ApiProperty({ example: '2026-2027' }) season!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ type: ApplicationChild }) child!: ApplicationChild;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ example: 'En cours d’instruction' }) statusLabel!: string;
  @ApiProperty({ enum: NEXT_ACTIONS }) nextAction!: NextAction;
  @ApiProperty({ example: 'Votre demande est en cours d’instruction par le service' })
  nextActionLabel!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/children/01900000-0000-7000-8000-000000000001/slots?month=2026-09',
    description:
      "The gateway route that does the next action: for book, the child's slots of the first bookable month; for download-certificate, the registration certificate; null otherwise",
  })
  nextActionHref!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last refusal reason or information request, for the family to read',
  })
  message!: string | null;
  @ApiProperty({ type: SchoolAssignment, nullable: true })
  schoolAssignment!: SchoolAssignment | null;
  @ApiProperty({ type: ApplicationFiledBy }) filedBy!: ApplicationFiledBy;
  @ApiProperty({
    type: [ResidenceDiscrepancy],
    description:
      "Answers that contradict the household's commune of residence (checked when answers are saved and at submission); the agent decides (derogation)",
  })
  residenceDiscrepancies!: ResidenceDiscrepancy[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ApplicationView extends ApplicationListItem {
  @ApiProperty({
    type: 'object',
    additionalProperties: ANSWER_SCHEMA,
    description: `${ANSWERS_DESCRIPTION} Only the answers of fields shown.`,
    example: ANSWERS_EXAMPLE,
  })
  answers!: Answers;
  @ApiProperty({
    type: [String],
    example: ['allergies', 'allergies-details'],
    description:
      "Keys of answers prefilled from the child's record (allergies, PAI) that the family has not confirmed yet: send each again, as it is or changed, to confirm it (required to submit)",
  })
  prefilled!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ResolvedCommune) },
    description:
      'By field key: the commune of each address answer (its city) and of each commune-of-residence answer, linked to the directory',
  })
  answerCommunes!: Record<string, ResolvedCommune>;
  @ApiProperty({ type: [AttachedDocument] }) documents!: AttachedDocument[];
  @ApiProperty({
    type: [SummaryLine],
    description: 'Step 3, the "récapitulatif": each answer as the family reads it',
  })
  summary!: SummaryLine[];
  @ApiProperty({ type: ProcedureGrant, description: 'What acceptance gives the child' })
  grant!: ProcedureGrant;
  @ApiProperty({ type: [ApplicationHistoryEntry], description: 'Oldest first' })
  history!: ApplicationHistoryEntry[];
}

export class ApplicationsPage {
  @ApiProperty({ type: [ApplicationListItem] }) items!: ApplicationListItem[];
  @ApiProperty({ minimum: 1 }) page!: number;
  @ApiProperty({ minimum: 1, maximum: MAX_APPLICATIONS_PAGE_SIZE }) pageSize!: number;
  @ApiProperty({ minimum: 0 }) total!: number;
}

/** The school registration certificate, as enrolment sends it (the gateway serves the PDF). */
export class CertificateView {
  @ApiProperty({ example: 'certificat-inscription-D-2026-000123.pdf' }) fileName!: string;
  @ApiProperty({ enum: ['application/pdf'] }) contentType!: 'application/pdf';
  @ApiProperty({ format: 'byte' }) contentBase64!: string;
}

declare module './requests' {
  interface RequestReplies {
    [EnrolmentSubjects.proceduresListOpen]: {
      request: ListOpenProceduresQuery;
      reply: ProcedureSummaryView[];
    };
    [EnrolmentSubjects.proceduresGet]: { request: ProcedureRef; reply: ProcedureView };
    [EnrolmentSubjects.proceduresListManaged]: {
      request: ListManagedProceduresQuery;
      reply: ProcedureSummaryView[];
    };
    [EnrolmentSubjects.proceduresCreate]: { request: CreateProcedureCommand; reply: ProcedureView };
    [EnrolmentSubjects.proceduresUpdate]: { request: UpdateProcedureCommand; reply: ProcedureView };
    [EnrolmentSubjects.applicationsSaveDraft]: {
      request: SaveDraftCommand;
      reply: ApplicationView;
    };
    [EnrolmentSubjects.applicationsSubmit]: { request: ApplicationRef; reply: ApplicationView };
    [EnrolmentSubjects.applicationsWithdraw]: {
      request: WithdrawApplicationCommand;
      reply: ApplicationView;
    };
    [EnrolmentSubjects.applicationsListMine]: {
      request: ListMyApplicationsQuery;
      reply: ApplicationsPage;
    };
    [EnrolmentSubjects.applicationsGet]: { request: ApplicationRef; reply: ApplicationView };
    [EnrolmentSubjects.applicationsList]: {
      request: ListApplicationsQuery;
      reply: ApplicationsPage;
    };
    [EnrolmentSubjects.applicationsDecide]: {
      request: DecideApplicationCommand;
      reply: ApplicationView;
    };
    [EnrolmentSubjects.applicationsCertificate]: {
      request: ApplicationRef;
      reply: CertificateView;
    };
    [EnrolmentSubjects.documentsUploadBegin]: {
      request: BeginDocumentUploadCommand;
      reply: DocumentUploadRef;
    };
    [EnrolmentSubjects.documentsUploadPart]: {
      request: DocumentUploadPartCommand;
      reply: DocumentUploadRef;
    };
    [EnrolmentSubjects.documentsUploadComplete]: {
      request: DocumentUploadRef;
      reply: DocumentView;
    };
    [EnrolmentSubjects.documentsList]: { request: NoPayload; reply: DocumentsPage };
    [EnrolmentSubjects.documentsUpdate]: { request: UpdateDocumentCommand; reply: DocumentView };
    [EnrolmentSubjects.documentsDelete]: { request: DocumentRef; reply: DocumentDeletionView };
    [EnrolmentSubjects.documentsDownloadPart]: {
      request: DownloadDocumentPartQuery;
      reply: DocumentPart;
    };
    [EnrolmentSubjects.documentsGet]: { request: DocumentRef; reply: DocumentView };
  }
}
