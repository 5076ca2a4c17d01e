import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  OptionalText,
  OptionalUuidField,
  PageNumberField,
  PageSizeField,
  RequiredText,
  UuidField,
  UuidListField,
} from '@portail/validation';
import {
  BASKET_STATUSES,
  BillingSubjects,
  COUNTER_PAYMENT_METHODS,
  CREDIT_NOTE_KINDS,
  DUE_DATE_RULE_KINDS,
  PAYMENT_METHODS,
  PAYMENT_STATES,
  SANDBOX_OUTCOMES,
  type BasketStatus,
  type CounterPaymentMethod,
  type PaymentMethod,
  type PaymentState,
  type SandboxOutcome,
  INVOICE_LINE_KINDS,
  INVOICE_STATUSES,
  type CreditNoteKind,
  RUN_STATUSES,
  type DueDateRuleKind,
  type InvoiceLineKind,
  type InvoiceStatus,
  type RunStatus,
} from './billing';
import type { NoPayload } from './requests';
import { ACTIVITY_CODE_PATTERN } from './enrolment.messages';
import { PaymentFormView } from './billing-card.messages';

/*
 * Billing's commands, queries and replies, each declared once. What only the service can judge
 * (brackets in order, a month locked, a régie in the caller's scope) stays in its rules.
 */

const REGIE_ID = "L'identifiant de la régie";
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = 'Le mois doit être de la forme AAAA-MM (par exemple 2026-10).';
export const MAX_REGIE_SERVICES = 50;
export const MAX_TARIFF_BRACKETS = 20;
/** The highest unit price a tariff accepts: 10 000 € in cents. */
export const MAX_UNIT_PRICE_CENTS = 1_000_000;
/** A rate applied to the unit price (late cancellation, absence, unexpected presence). */
export const MAX_RATE_PERCENT = 300;
/** `{year}`, `{month}` and `{number}` (6 digits) are replaced; the rest is kept as written. */
export const DEBT_REFERENCE_FORMAT_PATTERN =
  /^[A-Za-z0-9-]*(\{(year|month|number)\}[A-Za-z0-9-]*)+$/;

/** A nested object as an instance of its class, so that its rules run (an array is refused). */
function toInstance<T extends object>(item: new () => T, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return null;
  return plainToInstance(item, value);
}

function NestedObject<T extends object>(item: new () => T, label: string): PropertyDecorator {
  return (target, key) => {
    Transform(({ value }: { value: unknown }) => toInstance(item, value))(target, key);
    IsObject({ message: `${label} doit être un objet.` })(target, key);
    ValidateNested({ message: `${label} doit être un objet.` })(target, key);
  };
}

/** A list of at most `max` objects, each an instance of `item` (a longer list is not expanded). */
function NestedList<T extends object>(
  item: new () => T,
  min: number,
  max: number,
  label: string,
): PropertyDecorator {
  return (target, key) => {
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) && value.length <= max
        ? value.map((element: unknown) => toInstance(item, element))
        : value,
    )(target, key);
    IsArray({ message: `${label} doit être une liste.` })(target, key);
    ArrayMinSize(min, { message: `${label} : ${min} au moins.` })(target, key);
    ArrayMaxSize(max, { message: `${label} : ${max} au plus.` })(target, key);
    ValidateNested({ each: true, message: `${label} doit contenir des objets.` })(target, key);
  };
}

// ---------------------------------------------------------------------------------------------
// Régies

export class RegieRef {
  @UuidField(REGIE_ID, 'The régie')
  regieId!: string;
}

export class DueDateRule {
  @ApiProperty({
    enum: DUE_DATE_RULE_KINDS,
    description:
      'days-after-issue: `days` after the issue date; day-of-next-month: `day` of the month after the issue',
  })
  @IsIn(DUE_DATE_RULE_KINDS, {
    message: "La règle d'échéance est days-after-issue ou day-of-next-month.",
  })
  kind!: DueDateRuleKind;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 90, example: 30 })
  @ValidateIf((rule: DueDateRule) => rule.kind === 'days-after-issue')
  @IsInt({ message: "Le nombre de jours avant l'échéance doit être un entier." })
  @Min(1, { message: "L'échéance est au moins 1 jour après l'émission." })
  @Max(90, { message: "L'échéance est au plus 90 jours après l'émission." })
  days?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 28, example: 10 })
  @ValidateIf((rule: DueDateRule) => rule.kind === 'day-of-next-month')
  @IsInt({ message: "Le jour d'échéance doit être un entier." })
  @Min(1, { message: "Le jour d'échéance est entre 1 et 28." })
  @Max(28, { message: "Le jour d'échéance est entre 1 et 28." })
  day?: number;
}

class RegieFields {
  @RequiredText('Le nom de la régie', 200, { example: 'Affaires Scolaires de Vichy' })
  name!: string;

  @ArrayMinSize(1, { message: 'La régie sert au moins un service municipal.' })
  @UuidListField('Chaque service municipal', MAX_REGIE_SERVICES)
  municipalServiceIds!: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_REGIE_SERVICES,
    description:
      "Organisations (communes) whose residents pay the resident tariff; the régie's organisation when absent",
  })
  @IsOptional()
  @UuidListField('Chaque commune de résidence', MAX_REGIE_SERVICES)
  residentOrganisationIds?: string[];

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 6,
    maxLength: 100,
    example: [
      'CDFIP de CUSSET - Trésorerie de Vichy',
      '8 rue du bief',
      'BP 42657',
      '03307 CUSSET Cedex',
    ],
    description: "The public treasury's address on the remittance slip, one line each",
  })
  @IsArray({ message: "L'adresse de la trésorerie est une liste de lignes." })
  @ArrayMinSize(1, { message: "L'adresse de la trésorerie est obligatoire." })
  @ArrayMaxSize(6, { message: "L'adresse de la trésorerie compte 6 lignes au plus." })
  @IsString({ each: true, message: "Chaque ligne de l'adresse doit être un texte." })
  @Matches(/^[^\p{Cc}]{1,100}$/u, {
    each: true,
    message: "Chaque ligne de l'adresse compte de 1 à 100 caractères.",
  })
  treasuryAddress!: string[];

  @ApiProperty({ example: '000070', pattern: '^\\d{6}$' })
  @Matches(/^\d{6}$/, { message: "L'identifiant PayFIP de la collectivité compte 6 chiffres." })
  payfipCollectivityNumber!: string;

  @ApiProperty({
    example: '{year}-CA-00-{number}',
    maxLength: 40,
    description: 'Debt reference ("référence de la dette"): {year}, {month}, {number} (6 digits)',
  })
  @IsString({ message: 'Le format de la référence de la dette doit être un texte.' })
  @MaxLength(40, { message: 'Le format de la référence de la dette compte 40 caractères au plus.' })
  @Matches(DEBT_REFERENCE_FORMAT_PATTERN, {
    message:
      'Le format de la référence de la dette contient lettres, chiffres, tirets et {year}, {month} ou {number}.',
  })
  debtReferenceFormat!: string;

  @ApiProperty({ type: DueDateRule })
  @NestedObject(DueDateRule, "La règle d'échéance")
  dueDateRule!: DueDateRule;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 6,
    example: ['Chèque à l’ordre du Trésor Public', 'Espèce'],
    description: 'Payment methods printed on the slip; these two when absent',
  })
  @IsOptional()
  @IsArray({ message: 'Les moyens de paiement sont une liste.' })
  @ArrayMaxSize(6, { message: 'Six moyens de paiement au plus.' })
  @IsString({ each: true, message: 'Chaque moyen de paiement doit être un texte.' })
  @Matches(/^[^\p{Cc}]{1,100}$/u, {
    each: true,
    message: 'Chaque moyen de paiement compte de 1 à 100 caractères.',
  })
  paymentMethods?: string[];
}

export class CreateRegieCommand extends RegieFields {
  @UuidField("L'identifiant de la collectivité", 'The organisation the régie belongs to')
  organisationId!: string;
}

/** Replaces every field but the organisation. */
export class UpdateRegieCommand extends RegieFields {
  @UuidField(REGIE_ID, 'The régie')
  regieId!: string;
}

export class UpdateRegieBody extends OmitType(UpdateRegieCommand, ['regieId'] as const) {}

export class ListRegiesQuery {
  @OptionalUuidField("L'identifiant de la collectivité")
  organisationId?: string;
}

export class RegieView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) municipalServiceIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) residentOrganisationIds!: string[];
  @ApiProperty({ type: [String] }) treasuryAddress!: string[];
  @ApiProperty() payfipCollectivityNumber!: string;
  @ApiProperty() debtReferenceFormat!: string;
  @ApiProperty({ type: DueDateRule }) dueDateRule!: DueDateRule;
  @ApiProperty({ type: [String] }) paymentMethods!: string[];
}

// ---------------------------------------------------------------------------------------------
// Tariffs

export class TariffBracket {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: 100_000,
    description: 'Highest family quotient of the bracket (inclusive); null for the last one',
  })
  @IsOptional()
  @IsInt({ message: 'Le plafond de quotient doit être un entier.' })
  @Min(0, { message: 'Le plafond de quotient est positif.' })
  @Max(100_000, { message: 'Le plafond de quotient ne dépasse pas 100 000.' })
  upToQuotient!: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_UNIT_PRICE_CENTS, example: 320 })
  @IsInt({ message: 'Le tarif résident est un nombre entier de centimes.' })
  @Min(0, { message: 'Le tarif résident est positif.' })
  @Max(MAX_UNIT_PRICE_CENTS, { message: 'Le tarif résident ne dépasse pas 10 000 €.' })
  residentCents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_UNIT_PRICE_CENTS, example: 450 })
  @IsInt({ message: 'Le tarif non-résident est un nombre entier de centimes.' })
  @Min(0, { message: 'Le tarif non-résident est positif.' })
  @Max(MAX_UNIT_PRICE_CENTS, { message: 'Le tarif non-résident ne dépasse pas 10 000 €.' })
  nonResidentCents!: number;
}

function RatePercent(label: string, example: number): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_RATE_PERCENT, example })(target, key);
    IsInt({ message: `${label} est un pourcentage entier.` })(target, key);
    Min(0, { message: `${label} est positif.` })(target, key);
    Max(MAX_RATE_PERCENT, { message: `${label} ne dépasse pas ${MAX_RATE_PERCENT} %.` })(
      target,
      key,
    );
  };
}

export class CreateTariffCommand {
  @UuidField(REGIE_ID, 'The régie')
  regieId!: string;

  @ApiProperty({ example: 'restauration-scolaire', pattern: ACTIVITY_CODE_PATTERN.source })
  @MaxLength(63, { message: "Le code d'activité compte 63 caractères au plus." })
  @Matches(ACTIVITY_CODE_PATTERN, {
    message: "Le code d'activité (minuscules, chiffres, tirets) est obligatoire.",
  })
  activityCode!: string;

  @ApiProperty({ example: 'repas', pattern: ACTIVITY_CODE_PATTERN.source })
  @MaxLength(63, { message: "Le code d'unité compte 63 caractères au plus." })
  @Matches(ACTIVITY_CODE_PATTERN, {
    message: "Le code d'unité (minuscules, chiffres, tirets) est obligatoire.",
  })
  unitCode!: string;

  @RequiredText('Le libellé du tarif', 200, {
    example: 'Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent',
    description: 'The label of the invoice line',
  })
  label!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsCalendarDate('La date de début')
  validFrom!: string;

  @ApiProperty({ format: 'date', example: '2027-08-31' })
  @IsCalendarDate('La date de fin')
  validUntil!: string;

  @ApiProperty({
    type: [TariffBracket],
    minItems: 1,
    maxItems: MAX_TARIFF_BRACKETS,
    description: 'Family-quotient brackets, rising; the last one has upToQuotient null',
  })
  @NestedList(TariffBracket, 1, MAX_TARIFF_BRACKETS, 'Les tranches de quotient')
  brackets!: TariffBracket[];

  @ApiProperty({
    type: [Number],
    maxItems: 5,
    example: [10, 20],
    description:
      'Reduction (%) of the 2nd child, the 3rd… of the household, eldest first; the last applies beyond',
  })
  @IsArray({ message: 'Les réductions fratrie sont une liste de pourcentages.' })
  @ArrayMaxSize(5, { message: 'Cinq réductions fratrie au plus.' })
  @IsInt({ each: true, message: 'Chaque réduction fratrie est un pourcentage entier.' })
  @Min(0, { each: true, message: 'Une réduction fratrie est entre 0 et 100 %.' })
  @Max(100, { each: true, message: 'Une réduction fratrie est entre 0 et 100 %.' })
  siblingReductionPercents!: number[];

  @RatePercent("Le taux d'annulation tardive", 100)
  lateCancellationPercent!: number;

  @RatePercent("Le taux d'absence non justifiée", 100)
  unjustifiedAbsencePercent!: number;

  @RatePercent('Le taux de présence non prévue', 100)
  unexpectedPresencePercent!: number;
}

export class CreateTariffBody extends OmitType(CreateTariffCommand, ['regieId'] as const) {}

export class TariffView extends CreateTariffCommand {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

/** Service to service (reservation): the price of a unit for a child on a day. */
export class QuoteQuery {
  @UuidField("L'identifiant du service municipal")
  municipalServiceId!: string;

  @ApiProperty({ pattern: ACTIVITY_CODE_PATTERN.source })
  @MaxLength(63, { message: "Le code d'activité compte 63 caractères au plus." })
  @Matches(ACTIVITY_CODE_PATTERN, { message: "Le code d'activité est invalide." })
  activityCode!: string;

  @ApiProperty({ pattern: ACTIVITY_CODE_PATTERN.source })
  @MaxLength(63, { message: "Le code d'unité compte 63 caractères au plus." })
  @Matches(ACTIVITY_CODE_PATTERN, { message: "Le code d'unité est invalide." })
  unitCode!: string;

  @UuidField("L'identifiant de l'enfant")
  childId!: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate('Le jour')
  day!: string;
}

/** At most this many units and days per `billing.quotes.list` (a month of a few units). */
export const MAX_QUOTED_SLOTS = 400;

export class QuotedSlot {
  @ApiProperty({ pattern: ACTIVITY_CODE_PATTERN.source })
  @MaxLength(63, { message: "Le code d'unité compte 63 caractères au plus." })
  @Matches(ACTIVITY_CODE_PATTERN, { message: "Le code d'unité est invalide." })
  unitCode!: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate('Le jour')
  day!: string;
}

/** Service to service (reservation): the prices of many units and days of one child. */
export class QuotesQuery extends OmitType(QuoteQuery, ['unitCode', 'day'] as const) {
  @ApiProperty({ type: [QuotedSlot], maxItems: MAX_QUOTED_SLOTS })
  @IsArray({ message: 'Les créneaux doivent être une liste.' })
  @ArrayMaxSize(MAX_QUOTED_SLOTS, {
    message: `Au plus ${MAX_QUOTED_SLOTS} créneaux peuvent être chiffrés à la fois.`,
  })
  @ValidateNested({ each: true })
  @Type(() => QuotedSlot)
  items!: QuotedSlot[];
}

export class QuotedSlotPrice extends QuotedSlot {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: no tariff applies' })
  unitPriceCents!: number | null;
}

export class QuotesView {
  @ApiProperty({ type: [QuotedSlotPrice] })
  prices!: QuotedSlotPrice[];
}

export class QuoteView {
  @ApiProperty({ format: 'uuid' }) tariffId!: string;
  @ApiProperty({ type: 'integer' }) unitPriceCents!: number;
  @ApiProperty({ type: 'integer', description: '0-based bracket applied' }) bracket!: number;
  @ApiProperty() resident!: boolean;
  @ApiProperty({ type: 'integer', description: '1 for the eldest billed child' })
  siblingRank!: number;
  @ApiProperty({ type: 'integer' }) reductionPercent!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the highest bracket applies (no or an expired quotient), in French',
  })
  note!: string | null;
}

// ---------------------------------------------------------------------------------------------
// Post-billing runs

export class StartRunCommand {
  @UuidField(REGIE_ID, 'The régie')
  regieId!: string;

  @ApiProperty({ example: '2026-10', pattern: MONTH.source })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month!: string;

  @ApiProperty({ description: 'true: what each household would receive, nothing issued' })
  @IsBoolean({ message: 'dryRun doit être true ou false.' })
  dryRun!: boolean;
}

export class StartRunBody extends OmitType(StartRunCommand, ['regieId'] as const) {}

export class RunRef extends RegieRef {
  @UuidField("L'identifiant du passage de facturation", 'The run')
  runId!: string;
}

export class InvoiceLineView {
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ example: 'PAILLETTE Iris' }) childName!: string;
  @ApiProperty({ enum: INVOICE_LINE_KINDS }) kind!: InvoiceLineKind;
  @ApiProperty() label!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) unitPriceCents!: number;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty({ type: String, nullable: true, description: 'e.g. why the highest bracket' })
  note!: string | null;
}

export class RunHouseholdView {
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ example: 'DUMAS Camille' }) addressee!: string;
  @ApiProperty({ type: 'integer' }) totalCents!: number;
  @ApiProperty({ type: [InvoiceLineView] }) lines!: InvoiceLineView[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The invoice issued (by this run or an earlier one); null in a dry run',
  })
  invoiceId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) number!: number | null;
  @ApiProperty({ description: 'Issued by an earlier run: nothing issued twice' })
  alreadyIssued!: boolean;
}

/** Households shown in a run's reply (the reply must stay within a NATS message). */
export const MAX_RUN_HOUSEHOLDS_SHOWN = 500;

/** Why a run failed: the problem its request would have answered. */
export class RunErrorView {
  @ApiProperty({ example: 'TARIFF_NOT_FOUND' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class RunView {
  @ApiProperty({ format: 'uuid', description: 'The run, to follow at GET …/runs/{runId}' })
  id!: string;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() month!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({
    enum: RUN_STATUSES,
    description: 'running (answered 202: follow it), done (the result below) or failed (error)',
  })
  status!: RunStatus;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'Households dealt with so far (issued, or looked at in a dry run)',
  })
  processedCount!: number;
  @ApiProperty({ type: RunErrorView, nullable: true }) error!: RunErrorView | null;
  @ApiProperty({ type: 'integer' }) issuedCount!: number;
  @ApiProperty({ type: 'integer' }) alreadyIssuedCount!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Households with something to pay (0 until the run has read the month)',
  })
  householdCount!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Every household of the month together, in cents',
  })
  totalCents!: number;
  @ApiProperty({
    type: [RunHouseholdView],
    maxItems: MAX_RUN_HOUSEHOLDS_SHOWN,
    description: `The first ${MAX_RUN_HOUSEHOLDS_SHOWN} households by id; the invoices list shows them all once issued`,
  })
  households!: RunHouseholdView[];
}

// ---------------------------------------------------------------------------------------------
// Invoices and accounts

export class InvoiceRef {
  @UuidField("L'identifiant de la facture", 'The invoice')
  invoiceId!: string;
}

export class InvoiceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() regieName!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: 'integer', description: 'Continuous per régie and year' }) number!: number;
  @ApiProperty() debtReference!: string;
  @ApiProperty({ type: 'integer', description: 'N° Dossier' }) familyFileNumber!: number;
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: InvoiceStatus;
  @ApiProperty({ type: 'integer' }) totalCents!: number;
  @ApiProperty({ type: 'integer' }) paidCents!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of its credit notes' })
  creditedCents!: number;
  @ApiProperty({ type: 'integer' }) balanceCents!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A corrective invoice: the invoice it replaces (credited by a credit note)',
  })
  replacesInvoiceId!: string | null;
  @ApiProperty({ type: [InvoiceLineView] }) lines!: InvoiceLineView[];
}

/** The highest amount of a credit note: 100 000 € in cents (an invoice never reaches it). */
export const MAX_CREDIT_NOTE_CENTS = 10_000_000;

export class IssueCreditNoteCommand {
  @UuidField("L'identifiant de la facture", 'The invoice credited')
  invoiceId!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_CREDIT_NOTE_CENTS,
    example: 320,
    description:
      'In cents; at most what is left creditable on the invoice (its total less its credit notes)',
  })
  @IsInt({ message: "Le montant de l'avoir est un nombre entier de centimes." })
  @Min(1, { message: "Le montant de l'avoir est d'au moins 1 centime." })
  @Max(MAX_CREDIT_NOTE_CENTS, { message: "Le montant de l'avoir ne dépasse pas 100 000 €." })
  amountCents!: number;

  @RequiredText("Le motif de l'avoir", 500, {
    example: 'Repas facturé le 12 octobre alors que la classe était en sortie.',
    description: 'Why the invoice is credited, in French; printed for the family',
  })
  reason!: string;
}

export class IssueCreditNoteBody extends OmitType(IssueCreditNoteCommand, ['invoiceId'] as const) {}

export class CreditNoteRef {
  @UuidField("L'identifiant de l'avoir", 'The credit note')
  creditNoteId!: string;
}

export class CreditNoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', description: 'The number of the invoice credited' })
  invoiceNumber!: number;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() regieName!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: 'integer', description: 'Continuous per régie and year, own series' })
  number!: number;
  @ApiProperty({ enum: CREDIT_NOTE_KINDS }) kind!: CreditNoteKind;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The invoice that replaced the credited one (corrective run)',
  })
  replacementInvoiceId!: string | null;
}

export class AccountView {
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ type: 'integer', description: 'What is left to pay, every invoice together' })
  balanceCents!: number;
  @ApiProperty({ type: [InvoiceView] }) invoices!: InvoiceView[];
  /** Declared below with the payments: named lazily. */
  @ApiProperty({
    type: () => PaymentView,
    isArray: true,
    description: 'Payments of every kind (counter, online, baskets), the latest first',
  })
  payments!: PaymentView[];

  @ApiProperty({ type: [CreditNoteView], description: 'Newest first' })
  creditNotes!: CreditNoteView[];
}

// ---------------------------------------------------------------------------------------------
// Corrective runs

export class CorrectiveRunHouseholdView {
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ example: 'DUMAS Camille' }) addressee!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The invoice that billed the month until now (null: none)',
  })
  previousInvoiceId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) previousNumber!: number | null;
  @ApiProperty({ type: 'integer', description: 'What the month was billed until now' })
  previousCents!: number;
  @ApiProperty({ type: 'integer', description: 'What the month comes to now' })
  totalCents!: number;
  @ApiProperty({ type: [InvoiceLineView] }) lines!: InvoiceLineView[];
  @ApiProperty({ type: CreditNoteView, nullable: true, description: 'Null in a dry run' })
  creditNote!: CreditNoteView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null in a dry run' })
  invoiceId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) number!: number | null;
}

export class CorrectiveRunView {
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() month!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: 'integer', description: 'Households whose month bills differently now' })
  householdCount!: number;
  @ApiProperty({ type: 'integer' }) creditNoteCount!: number;
  @ApiProperty({ type: 'integer' }) invoiceCount!: number;
  @ApiProperty({
    type: [CorrectiveRunHouseholdView],
    maxItems: MAX_RUN_HOUSEHOLDS_SHOWN,
    description: `The first ${MAX_RUN_HOUSEHOLDS_SHOWN} households by id`,
  })
  households!: CorrectiveRunHouseholdView[];
}

// ---------------------------------------------------------------------------------------------
// The treasury's export of a month

/** Invoices per page of `billing.exports.run-rows` (the gateway streams the pages as CSV). */
export const MAX_EXPORT_ROWS = 1000;

export class ExportRunRowsQuery extends RegieRef {
  @ApiProperty({ example: '2026-10', pattern: MONTH.source })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Cursor: rows after this year and number' })
  @IsOptional()
  @IsInt({ message: "L'année du curseur est un entier." })
  @Min(2000, { message: "L'année du curseur est d'au moins 2000." })
  @Max(9999, { message: "L'année du curseur a 4 chiffres." })
  afterYear?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'Le numéro du curseur est un entier.' })
  @Min(0, { message: 'Le numéro du curseur est positif.' })
  @Max(1_000_000_000, { message: 'Le numéro du curseur est trop grand.' })
  afterNumber?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EXPORT_ROWS })
  @IsOptional()
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_EXPORT_ROWS, { message: `La taille de page ne doit pas dépasser ${MAX_EXPORT_ROWS}.` })
  limit?: number;
}

export class ExportRunParams extends PickType(ExportRunRowsQuery, ['regieId', 'month'] as const) {}

export class ExportRowView {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: 'integer' }) number!: number;
  @ApiProperty() kind!: string;
  @ApiProperty() debtReference!: string;
  @ApiProperty({ type: 'integer' }) familyFileNumber!: number;
  @ApiProperty() addressee!: string;
  @ApiProperty({ type: [String] }) addressLines!: string[];
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: 'integer' }) totalCents!: number;
  @ApiProperty({ type: 'integer' }) creditedCents!: number;
  @ApiProperty({ type: 'integer', nullable: true }) replacesNumber!: number | null;
}

export class ExportRowsView {
  @ApiProperty() regieName!: string;
  @ApiProperty() payfipCollectivityNumber!: string;
  @ApiProperty({ type: [ExportRowView] }) rows!: ExportRowView[];
  @ApiProperty({ description: 'More rows follow (ask again after the last one)' })
  more!: boolean;
}

// ---------------------------------------------------------------------------------------------
// What a month of bookings will cost

export class EstimateQuery {
  @ApiProperty({ example: '2026-10', pattern: MONTH.source })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month!: string;
}

export class EstimateLineView extends InvoiceLineView {
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() regieName!: string;
  @ApiProperty({ example: 'restauration-scolaire' }) activityCode!: string;
}

export class EstimateView {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({
    description: 'Always true: prices of the current bookings, not an invoice',
    example: true,
  })
  estimate!: boolean;
  @ApiProperty({ type: 'integer' }) totalCents!: number;
  @ApiProperty({ type: [EstimateLineView], description: 'Per child and activity' })
  lines!: EstimateLineView[];
  @ApiProperty({ type: 'integer', description: 'Booked days no tariff prices yet' })
  unpricedDays!: number;
}

export class HouseholdAccountQuery extends RegieRef {
  @UuidField("L'identifiant du foyer", 'The household')
  householdId!: string;
}

export class RegieInvoicesQuery extends RegieRef {
  @ApiPropertyOptional({ example: '2026-10', pattern: MONTH.source })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month?: string;

  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES, {
    message: `Le statut est l'un de : ${INVOICE_STATUSES.join(', ')}.`,
  })
  status?: InvoiceStatus;

  @OptionalUuidField("L'identifiant du foyer")
  householdId?: string;

  @PageNumberField()
  page?: number;

  @PageSizeField(200, 50)
  pageSize?: number;
}

export class RegieInvoicesParams extends OmitType(RegieInvoicesQuery, ['regieId'] as const) {}

export class InvoicePage {
  @ApiProperty({ type: [InvoiceView] }) items!: InvoiceView[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}

export class InvoicePdfView {
  @ApiProperty({ example: 'facture-2026-000001.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() contentBase64!: string;
}

// ---------------------------------------------------------------------------------------------
// Payments

/** The most one payment may carry: 100 000 € in cents. */
export const MAX_PAYMENT_CENTS = 10_000_000;

/** A payment received at the counter by an agent of the régie's services. */
export class CounterPaymentCommand {
  @UuidField("L'identifiant de la facture", 'The invoice')
  invoiceId!: string;

  @ApiProperty({ enum: COUNTER_PAYMENT_METHODS, example: 'cheque' })
  @IsIn(COUNTER_PAYMENT_METHODS, {
    message: 'Le moyen de paiement au guichet est cash (espèces) ou cheque (chèque).',
  })
  method!: CounterPaymentMethod;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAYMENT_CENTS, example: 3646 })
  @IsInt({ message: 'Le montant est un nombre entier de centimes.' })
  @Min(1, { message: 'Le montant est d’au moins 1 centime.' })
  @Max(MAX_PAYMENT_CENTS, { message: 'Le montant ne dépasse pas 100 000 €.' })
  amountCents!: number;

  @ApiProperty({ format: 'date', example: '2026-11-05', description: 'The day it was received' })
  @IsCalendarDate('La date de réception')
  receivedOn!: string;

  @OptionalText('Le numéro de chèque', 30, { example: '0001234' })
  chequeNumber?: string | null;

  @OptionalText('La note', 500)
  note?: string | null;
}

export class CounterPaymentBody extends OmitType(CounterPaymentCommand, ['invoiceId'] as const) {}

export class PaymentRef {
  @UuidField("L'identifiant du paiement", 'The payment')
  paymentId!: string;
}

/** Outside production: what the family did on the sandbox provider's page. */
export class SandboxSettleCommand extends PaymentRef {
  @ApiProperty({ enum: SANDBOX_OUTCOMES, example: 'paid' })
  @IsIn(SANDBOX_OUTCOMES, {
    message: "L'issue du paiement est paid, denied, cancelled ou error.",
  })
  outcome!: SandboxOutcome;
}

export class SandboxSettleBody extends OmitType(SandboxSettleCommand, ['paymentId'] as const) {}

/** A PayFIP operation id: letters, digits and dashes (PayFIP's `idOp`). */
const PAYFIP_ID_OP = /^[A-Za-z0-9-]{1,64}$/;
const PAYFIP_ID_OP_MESSAGE =
  "L'identifiant d'opération PayFIP est fait de lettres, de chiffres et de tirets.";

/** What PayFIP's notification and the family's return carry: the `idop`, in either case. */
export class PayfipCallback {
  @ApiPropertyOptional({ description: "PayFIP's operation id", example: 'a1b2c3d4' })
  @IsOptional()
  @Matches(PAYFIP_ID_OP, { message: PAYFIP_ID_OP_MESSAGE })
  idop?: string;

  @ApiPropertyOptional({ description: "PayFIP's operation id (either case)" })
  @IsOptional()
  @Matches(PAYFIP_ID_OP, { message: PAYFIP_ID_OP_MESSAGE })
  idOp?: string;
}

/** Billing asks PayFIP about the operation and applies its answer once (never the caller's word). */
export class PayfipNotification {
  @ApiProperty({ description: "PayFIP's operation id" })
  @Matches(PAYFIP_ID_OP, { message: PAYFIP_ID_OP_MESSAGE })
  idOp!: string;
}

/** What became of a PayFIP operation: nothing known of it answers nulls. */
export class PayfipOutcome {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paymentId!: string | null;
  @ApiProperty({ enum: PAYMENT_STATES, nullable: true }) state!: PaymentState | null;
  @ApiProperty({ description: "The family's page of the payment (or of its payments)" })
  returnUrl!: string;
}

/** The operator's PayFIP reconciliation: the payments waiting at least this long. */
export class PayfipReconcileCommand {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @IsInt({ message: 'Le nombre de minutes est un entier.' })
  @Min(0, { message: 'Le nombre de minutes est positif ou nul.' })
  olderThanMinutes?: number;
}

export class PayfipWaitingPayment {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null while PayFIP has not opened it' })
  idOp!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PayfipReconcileView {
  @ApiProperty({ description: 'Payments PayFIP ended, with their final state' })
  settled!: Array<{ paymentId: string; state: PaymentState }>;
  @ApiProperty({ type: 'integer', description: 'Payments whose result PayFIP does not know yet' })
  waiting!: number;
  @ApiProperty({ type: 'integer', description: 'Payments PayFIP could not be asked about' })
  failed!: number;
}

export class PaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    description: 'The invoice paid; for a basket, the id its invoice takes once it is paid',
  })
  invoiceId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) basketId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null until the basket is paid' })
  invoiceNumber!: number | null;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method!: PaymentMethod;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty({ enum: PAYMENT_STATES }) state!: PaymentState;
  @ApiProperty({ type: String, nullable: true, description: "The provider's operation id" })
  providerReference!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Where to send the family to pay (the provider's page), while it waits",
  })
  redirectUrl!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) receivedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) chequeNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The agent, or the family account that paid' })
  recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
  @ApiProperty({
    type: () => PaymentFormView,
    nullable: true,
    description: "The form to post to the provider's page (card payments), while it waits",
  })
  paymentForm!: PaymentFormView | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'payfip',
    description:
      'Who took the payment online (`payfip`, `card`, `sepa`, `sandbox` outside production); null at the counter',
  })
  provider!: string | null;
}

/** Agents of the régie's services: its payments of every kind, to reconcile the day's takings. */
export class RegiePaymentsQuery extends RegieRef {
  @ApiPropertyOptional({ enum: PAYMENT_METHODS })
  @IsOptional()
  @IsIn(PAYMENT_METHODS, {
    message: `Le moyen de paiement est l'un de : ${PAYMENT_METHODS.join(', ')}.`,
  })
  method?: PaymentMethod;

  @ApiPropertyOptional({ enum: PAYMENT_STATES })
  @IsOptional()
  @IsIn(PAYMENT_STATES, { message: `L'état est l'un de : ${PAYMENT_STATES.join(', ')}.` })
  state?: PaymentState;

  @OptionalUuidField("L'identifiant du foyer")
  householdId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Recorded on or after this day (Paris)' })
  @IsOptional()
  @IsCalendarDate('Le premier jour')
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Recorded on or before this day (Paris)' })
  @IsOptional()
  @IsCalendarDate('Le dernier jour')
  to?: string;

  @PageNumberField()
  page?: number;

  @PageSizeField(200, 50)
  pageSize?: number;
}

export class RegiePaymentsParams extends OmitType(RegiePaymentsQuery, ['regieId'] as const) {}

export class PaymentPage {
  @ApiProperty({ type: [PaymentView], description: 'The latest first' }) items!: PaymentView[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({
    type: 'integer',
    description: 'What the paid payments the filters select took in, every page together',
  })
  paidCents!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}

// ---------------------------------------------------------------------------------------------
// Pre-billing baskets

export class BasketRef {
  @UuidField("L'identifiant du panier", 'The basket')
  basketId!: string;
}

export class BasketItemView {
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ example: 'PAILLETTE Iris' }) childName!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ description: 'The tariff label' }) label!: string;
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ type: 'integer' }) unitPriceCents!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class BasketView {
  @ApiProperty({ format: 'uuid', description: 'Also the id of its invoice once paid' })
  id!: string;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() regieName!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ enum: BASKET_STATUSES }) status!: BasketStatus;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Unpaid by then, its bookings are released' })
  expiresAt!: string;
  @ApiProperty({ type: 'integer' }) totalCents!: number;
  @ApiProperty({ type: [BasketItemView], description: 'The booked days still in it' })
  items!: BasketItemView[];
  @ApiProperty({ type: 'integer', nullable: true, description: "Its invoice's number, once paid" })
  invoiceNumber!: number | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The online payment under way, if any',
  })
  waitingPaymentId!: string | null;
}

declare module './requests' {
  interface RequestReplies {
    [BillingSubjects.regiesCreate]: { request: CreateRegieCommand; reply: RegieView };
    [BillingSubjects.regiesUpdate]: { request: UpdateRegieCommand; reply: RegieView };
    [BillingSubjects.regiesList]: { request: ListRegiesQuery; reply: RegieView[] };
    [BillingSubjects.regiesGet]: { request: RegieRef; reply: RegieView };
    [BillingSubjects.tariffsCreate]: { request: CreateTariffCommand; reply: TariffView };
    [BillingSubjects.tariffsList]: { request: RegieRef; reply: TariffView[] };
    [BillingSubjects.quotesGet]: { request: QuoteQuery; reply: QuoteView };
    [BillingSubjects.quotesList]: { request: QuotesQuery; reply: QuotesView };
    [BillingSubjects.runsStart]: { request: StartRunCommand; reply: RunView };
    [BillingSubjects.runsGet]: { request: RunRef; reply: RunView };
    [BillingSubjects.accountsGetMine]: { request: NoPayload; reply: AccountView };
    [BillingSubjects.invoicesPdfMine]: { request: InvoiceRef; reply: InvoicePdfView };
    [BillingSubjects.invoicesListForRegie]: { request: RegieInvoicesQuery; reply: InvoicePage };
    [BillingSubjects.invoicesPdf]: { request: InvoiceRef; reply: InvoicePdfView };
    [BillingSubjects.accountsGet]: { request: HouseholdAccountQuery; reply: AccountView };
    [BillingSubjects.paymentsRecordCounter]: { request: CounterPaymentCommand; reply: PaymentView };
    [BillingSubjects.paymentsStartMine]: { request: InvoiceRef; reply: PaymentView };
    [BillingSubjects.paymentsGetMine]: { request: PaymentRef; reply: PaymentView };
    [BillingSubjects.paymentsSandboxSettle]: { request: SandboxSettleCommand; reply: PaymentView };
    [BillingSubjects.paymentsListForRegie]: { request: RegiePaymentsQuery; reply: PaymentPage };
    [BillingSubjects.payfipNotify]: { request: PayfipNotification; reply: PayfipOutcome };
    [BillingSubjects.payfipWaiting]: {
      request: PayfipReconcileCommand;
      reply: PayfipWaitingPayment[];
    };
    [BillingSubjects.payfipReconcile]: {
      request: PayfipReconcileCommand;
      reply: PayfipReconcileView;
    };
    [BillingSubjects.basketsListMine]: { request: NoPayload; reply: BasketView[] };
    [BillingSubjects.basketsPayMine]: { request: BasketRef; reply: PaymentView };
    [BillingSubjects.creditNotesIssue]: { request: IssueCreditNoteCommand; reply: CreditNoteView };
    [BillingSubjects.creditNotesPdfMine]: { request: CreditNoteRef; reply: InvoicePdfView };
    [BillingSubjects.creditNotesPdf]: { request: CreditNoteRef; reply: InvoicePdfView };
    [BillingSubjects.correctiveRunsStart]: { request: StartRunCommand; reply: CorrectiveRunView };
    [BillingSubjects.exportsRunRows]: { request: ExportRunRowsQuery; reply: ExportRowsView };
    [BillingSubjects.estimatesGetMine]: { request: EstimateQuery; reply: EstimateView };
  }
}
