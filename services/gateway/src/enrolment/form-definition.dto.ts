import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import {
  FORM_FIELD_TYPES,
  type FieldCondition,
  type FormDefinition,
  type FormField,
  type FormFieldOption,
  type FormFieldType,
} from '@portail/contracts';
import { IsCalendarDay, NestedArray, NestedObject } from './enrolment.dto';

/**
 * A procedure's form, as agents write it and families read it (one class for both: the same
 * concept under one schema name). The gateway checks its shape: JSON types, the field types,
 * sizes. Whether it can be answered (key format and uniqueness, options of choices, bounds in
 * order, a pattern that compiles, conditions on an earlier field) is the enrolment service's
 * check: 422 INVALID_FORM_DEFINITION, field by field.
 */

export const MAX_FORM_FIELDS = 80;
const MAX_OPTIONS = 100;

export class FormFieldOptionDto implements FormFieldOption {
  @ApiProperty({ example: 'gluten' })
  @IsString({ message: 'Chaque option a une valeur et un libellé.' })
  @MaxLength(200, { message: "La valeur d'une option ne doit pas dépasser 200 caractères." })
  value!: string;

  @ApiProperty({ example: 'Sans gluten' })
  @IsString({ message: 'Chaque option a une valeur et un libellé.' })
  @MaxLength(300, { message: "Le libellé d'une option ne doit pas dépasser 300 caractères." })
  label!: string;
}

const CONDITION_VALUES_MESSAGE = 'La condition liste les valeurs qui affichent le champ.';

export class FieldConditionDto implements FieldCondition {
  @ApiProperty({ description: 'Key of a field placed earlier in the form', example: 'allergies' })
  @IsString({ message: 'La condition doit nommer la clé d’un champ.' })
  @MaxLength(48, { message: 'La condition doit nommer la clé d’un champ.' })
  field!: string;

  @ApiProperty({
    description:
      'The answers of that field that show this one (any of them; for a multiple choice, any selected)',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: [true],
  })
  @ValidateBy(
    {
      name: 'isConditionValues',
      validator: {
        validate: (value) =>
          Array.isArray(value) &&
          value.length > 0 &&
          value.length <= MAX_OPTIONS &&
          value.every((item) => ['string', 'number', 'boolean'].includes(typeof item)),
      },
    },
    { message: CONDITION_VALUES_MESSAGE },
  )
  equals!: Array<string | number | boolean>;
}

export class FormFieldDto implements FormField {
  @ApiProperty({
    description:
      'Key of the answer: a lower-case letter, then letters, digits or hyphens (48 at most)',
    example: 'allergies',
  })
  @IsString({ message: 'La clé doit être un texte.' })
  @MaxLength(48, { message: 'La clé ne doit pas dépasser 48 caractères.' })
  key!: string;

  @ApiProperty({ enum: FORM_FIELD_TYPES })
  @IsIn(FORM_FIELD_TYPES, {
    message: `Le type doit être l'un de : ${FORM_FIELD_TYPES.join(', ')}.`,
  })
  type!: FormFieldType;

  @ApiProperty({ example: 'Votre enfant a-t-il des allergies alimentaires ?', maxLength: 300 })
  @IsString({ message: 'Le libellé est obligatoire (300 caractères au plus).' })
  @MaxLength(300, { message: 'Le libellé est obligatoire (300 caractères au plus).' })
  label!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString({ message: "L'aide doit être un texte de 2000 caractères au plus." })
  @MaxLength(2000, { message: "L'aide doit être un texte de 2000 caractères au plus." })
  help?: string | null;

  @ApiProperty({ description: 'Whether an answer is needed to submit (when the field is shown)' })
  @IsBoolean({ message: 'required doit valoir true ou false.' })
  required!: boolean;

  @ApiPropertyOptional({
    type: [FormFieldOptionDto],
    maxItems: MAX_OPTIONS,
    description: 'single-choice and multiple-choice only (1 to 100 options)',
  })
  @IsOptional()
  @NestedArray(
    () => FormFieldOptionDto,
    'Un champ à choix doit proposer entre 1 et 100 options { value, label }.',
    MAX_OPTIONS,
    'Un champ à choix doit proposer entre 1 et 100 options { value, label }.',
  )
  options?: FormFieldOptionDto[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'number: least value; text: least length; multiple-choice: least number of choices',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'min doit être un nombre.' })
  min?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'number: greatest value; text: greatest length; multiple-choice: most choices',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'max doit être un nombre.' })
  max?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'date: earliest day accepted',
  })
  @IsOptional()
  @IsCalendarDay('minDate doit être une date AAAA-MM-JJ.')
  minDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
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
    example: '\\d{5}',
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
  })
  @IsOptional()
  @IsString({ message: 'Le message du motif doit être un texte de 500 caractères au plus.' })
  @MaxLength(500, {
    message: 'Le message du motif doit être un texte de 500 caractères au plus.',
  })
  patternMessage?: string | null;

  @ApiPropertyOptional({
    type: FieldConditionDto,
    nullable: true,
    description: 'Show the field only when an earlier field has one of these answers',
  })
  @IsOptional()
  @NestedObject(() => FieldConditionDto, 'La condition doit être un objet { field, equals }.')
  visibleWhen?: FieldConditionDto | null;
}

export class FormDefinitionDto implements FormDefinition {
  @ApiProperty({ type: [FormFieldDto], maxItems: MAX_FORM_FIELDS })
  @NestedArray(
    () => FormFieldDto,
    'Le formulaire doit contenir une liste de champs (des objets).',
    MAX_FORM_FIELDS,
    `Le formulaire ne peut pas dépasser ${MAX_FORM_FIELDS} champs.`,
  )
  fields!: FormFieldDto[];
}
