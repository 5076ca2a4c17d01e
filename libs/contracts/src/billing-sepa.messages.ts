import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Equals,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import {
  IsCalendarDate,
  OptionalText,
  OptionalUuidField,
  PageNumberField,
  PageSizeField,
  RequiredText,
  UuidField,
} from '@portail/validation';
import {
  SepaSubjects,
  SEPA_CONSENT_CHANNELS,
  SEPA_DEBIT_STATES,
  SEPA_MANDATE_STATES,
  SEPA_SEQUENCE_TYPES,
  type SepaConsentChannel,
  type SepaDebitState,
  type SepaMandateState,
  type SepaSequenceType,
} from './billing-sepa';
import { InvoicePdfView, RegieRef } from './billing.messages';
import type { NoPayload } from './requests';

/*
 * SEPA direct debit's commands, queries and replies. An IBAN travels only in the commands that
 * give it; every reply shows it masked (`FR76 **** **** **** **** **** 185`).
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest IBAN (ISO 13616) with a space every four characters. */
const MAX_IBAN_INPUT = 42;
/** At most this many characters of a returns CSV (about 2 000 lines). */
export const MAX_RETURNS_CSV_LENGTH = 200_000;
/** A debit file's XML comes in at most this many parts (SEPA_XML_PART_BYTES each). */
export const MAX_XML_PARTS = 1_000;
/**
 * At most this many lines in a returns CSV, its header included: the answer lists each line
 * (≈ 250 bytes), and must stay well under NATS's payload limit (1 MB). Returns are a few in a
 * hundred debits; a larger report is imported in several files.
 */
export const MAX_RETURNS_LINES = 2_000;

/** Spaces and case as people type them, taken out: `fr76 3000 …` → `FR763000…`. */
function toElectronicIban({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? (electronicFormatIBAN(value) ?? value) : value;
}

/** A valid IBAN (ISO 13616 check digits and national format) of a SEPA country. */
export function isSepaIban(value: unknown): boolean {
  return typeof value === 'string' && isValidIBAN(value) && isSEPACountry(value.slice(0, 2));
}

function IsSepaIban(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isSepaIban', validator: { validate: isSepaIban } }, options);
}

function IsBic(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBic',
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidBIC(value) },
    },
    options,
  );
}

/** The debtor's account: an IBAN, and a BIC that SEPA-zone IBANs no longer need ("IBAN only"). */
export class SepaAccountFields {
  @ApiProperty({ example: 'FR76 3000 6000 0112 3456 7890 189', maxLength: MAX_IBAN_INPUT })
  @Transform(toElectronicIban)
  @IsString({ message: "L'IBAN doit être un texte." })
  @MaxLength(MAX_IBAN_INPUT, { message: "L'IBAN est trop long." })
  @IsSepaIban({ message: "L'IBAN est invalide (ou n'est pas celui d'un pays de la zone SEPA)." })
  iban!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'AGRIFRPP',
    nullable: true,
    description: 'Optional: SEPA-zone IBANs are enough (Regulation 260/2012, IBAN only)',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() || null : value,
  )
  @IsOptional()
  @IsString({ message: 'Le BIC doit être un texte.' })
  @MaxLength(11, { message: 'Le BIC a 8 ou 11 caractères.' })
  @IsBic({ message: 'Le BIC est invalide.' })
  bic?: string | null;

  @RequiredText('Le nom du titulaire du compte', 70, { example: 'Camille DUMAS' })
  @Matches(/^[A-Za-z0-9À-ÿ+?/:().,' -]+$/, {
    message:
      "Le nom du titulaire ne contient que des lettres, des chiffres, des espaces et + ? / : ( ) . , ' -",
  })
  debtorName!: string;
}

/** A family signs a mandate online for one régie: its consent is required. */
export class CreateMyMandateCommand extends SepaAccountFields {
  @UuidField("L'identifiant de la régie", 'The régie')
  regieId!: string;

  @ApiProperty({ format: 'date', example: '2026-11-03', description: 'Not in the future (Paris)' })
  @IsCalendarDate('La date de signature')
  signedOn!: string;

  @ApiProperty({
    enum: [true],
    description: 'The debtor authorises the régie to debit the account (required)',
  })
  @Equals(true, { message: 'Votre accord pour le prélèvement (consent) est obligatoire.' })
  consent!: true;
}

/** An agent enters a paper mandate signed by a household. */
export class CreateMandateCommand extends OmitType(CreateMyMandateCommand, ['consent'] as const) {
  @UuidField("L'identifiant du foyer", 'The household')
  householdId!: string;
}

export class CreateMandateBody extends OmitType(CreateMandateCommand, ['regieId'] as const) {}

export class MandateRef {
  @UuidField("L'identifiant du mandat", 'The mandate')
  mandateId!: string;
}

export class RegieMandateRef extends RegieRef {
  @UuidField("L'identifiant du mandat", 'The mandate')
  mandateId!: string;
}

/** A new account on a mandate (same RUM): the next debit carries the amendment. */
export class AmendMandateBody extends SepaAccountFields {}

export class AmendMyMandateCommand extends SepaAccountFields {
  @UuidField("L'identifiant du mandat", 'The mandate')
  mandateId!: string;
}

export class AmendMandateCommand extends AmendMyMandateCommand {
  @UuidField("L'identifiant de la régie", 'The régie')
  regieId!: string;
}

export class RevokeMandateBody {
  @OptionalText('Le motif', 200, { example: 'Changement de mode de paiement' })
  reason?: string | null;
}

export class RevokeMyMandateCommand extends RevokeMandateBody {
  @UuidField("L'identifiant du mandat", 'The mandate')
  mandateId!: string;
}

export class RevokeMandateCommand extends RevokeMyMandateCommand {
  @UuidField("L'identifiant de la régie", 'The régie')
  regieId!: string;
}

export class SepaConsentView {
  @ApiProperty({ enum: SEPA_CONSENT_CHANNELS }) channel!: SepaConsentChannel;
  @ApiProperty({ format: 'uuid', description: 'The family account or the agent' })
  recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class MandateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty() regieName!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ example: 'R000070-0000001', description: 'Unique mandate reference (RUM)' })
  rum!: string;
  @ApiProperty({ example: 'FR72ZZZ123456', description: "The creditor's identifier (ICS)" })
  creditorId!: string;
  @ApiProperty() debtorName!: string;
  @ApiProperty({ example: 'FR76 **** **** **** **** **** 189', description: 'Masked' })
  ibanMasked!: string;
  @ApiProperty({ nullable: true, type: String }) bic!: string | null;
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ type: SepaConsentView }) consent!: SepaConsentView;
  @ApiProperty({ enum: SEPA_MANDATE_STATES }) state!: SepaMandateState;
  @ApiProperty({ enum: SEPA_SEQUENCE_TYPES, description: 'Sequence of the next debit' })
  nextSequence!: SepaSequenceType;
  @ApiProperty({ description: 'The next debit carries an amendment (new account)' })
  amendmentPending!: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastCollectedOn!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** The most mandates one answer carries (replies stay well under NATS's payload limit). */
export const MAX_MANDATES_PAGE = 500;

/** Agents: a régie's mandates, filtered, the latest first, a page at a time. */
export class RegieMandatesParams {
  @PageNumberField()
  page?: number;

  @PageSizeField(MAX_MANDATES_PAGE, 100)
  pageSize?: number;

  @ApiPropertyOptional({ enum: SEPA_MANDATE_STATES })
  @IsOptional()
  @IsIn(SEPA_MANDATE_STATES, {
    message: `L'état du mandat est l'un de : ${SEPA_MANDATE_STATES.join(', ')}.`,
  })
  state?: SepaMandateState;

  @OptionalUuidField("L'identifiant du foyer")
  householdId?: string;
}

export class RegieMandatesQuery extends IntersectionType(RegieRef, RegieMandatesParams) {}

export class MandatePage {
  @ApiProperty({ type: [MandateView] }) items!: MandateView[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}

// ---------------------------------------------------------------------------------------------
// Debit files

export class DebitFileBody {
  @ApiProperty({ example: '2026-10', description: 'The month of the invoices' })
  @Matches(MONTH, { message: 'Le mois doit être de la forme AAAA-MM (par exemple 2026-10).' })
  month!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-11-20',
    description: 'A TARGET2 business day, at least SEPA_PRENOTIFICATION_DAYS ahead (Paris)',
  })
  @IsCalendarDate('La date de prélèvement')
  collectionDate!: string;
}

export class DebitFileCommand extends DebitFileBody {
  @UuidField("L'identifiant de la régie", 'The régie')
  regieId!: string;
}

export class DebitFileRef extends RegieRef {
  @UuidField("L'identifiant du fichier de prélèvements", 'The debit file')
  fileId!: string;
}

/** The most lines of a debit file one answer carries (a town's month is thousands). */
export const MAX_DEBIT_LINES_PAGE = 500;

/** Which page of a file's lines, ordered by sequence then reference. */
export class DebitLinesPaging {
  @PageNumberField()
  page?: number;

  @PageSizeField(MAX_DEBIT_LINES_PAGE, 200)
  pageSize?: number;
}

export class DebitFileQuery extends IntersectionType(DebitFileRef, DebitLinesPaging) {}

/** One part of a file's XML: a document too large for one message comes in parts, in order. */
export class DebitFileXmlQuery extends DebitFileRef {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_XML_PARTS - 1, default: 0 })
  @IsOptional()
  @IsInt({ message: 'La partie est un entier.' })
  @Min(0, { message: 'La partie est au moins 0.' })
  @Max(MAX_XML_PARTS - 1, { message: `La partie est au plus ${MAX_XML_PARTS - 1}.` })
  part?: number;
}

export class DebitFileXmlPart extends InvoicePdfView {
  @ApiProperty({ type: 'integer' }) part!: number;
  @ApiProperty({ type: 'integer', description: 'How many parts the document has' })
  parts!: number;
}

export class DebitGroupView {
  @ApiProperty({ enum: SEPA_SEQUENCE_TYPES }) sequence!: SepaSequenceType;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) sumCents!: number;
}

export class DebitLineView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'EndToEndId: the reference the bank returns' }) reference!: string;
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'integer' }) invoiceNumber!: number;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty() debtorName!: string;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty() rum!: string;
  @ApiProperty({ description: 'Masked' }) ibanMasked!: string;
  @ApiProperty({ enum: SEPA_SEQUENCE_TYPES }) sequence!: SepaSequenceType;
  @ApiProperty({ enum: SEPA_DEBIT_STATES }) state!: SepaDebitState;
  @ApiProperty({ nullable: true, type: String }) returnReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnLabel!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) returnedOn!: string | null;
}

export class DebitFileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) regieId!: string;
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ format: 'date' }) collectionDate!: string;
  @ApiProperty({ description: 'MsgId of the pain.008 group header' }) messageId!: string;
  @ApiProperty() creditorId!: string;
  @ApiProperty() creditorName!: string;
  @ApiProperty({ description: "The creditor's account, masked" }) creditorIbanMasked!: string;
  @ApiProperty({ type: 'integer', description: 'NbOfTxs' }) transactionCount!: number;
  @ApiProperty({ type: 'integer', description: 'CtrlSum in cents' }) controlSumCents!: number;
  @ApiProperty({ type: [DebitGroupView] }) groups!: DebitGroupView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({
    type: [DebitLineView],
    description:
      'With one file: a page of its lines (`page`, `pageSize` ≤ 500; the creation answers the first); `transactionCount` lines in all',
  })
  lines?: DebitLineView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The page of `lines`' }) page?: number;
  @ApiPropertyOptional({ type: 'integer' }) pageSize?: number;
}

// ---------------------------------------------------------------------------------------------
// Returns

export class ReturnsImportBody {
  @ApiProperty({
    maxLength: MAX_RETURNS_CSV_LENGTH,
    example:
      'reference;montant;motif;date\nPF-0192f3a1b2c3d4e5f6a7b8c9d0e1f2a3;12,40;AM04;2026-11-23',
    description:
      "The bank's report as CSV, `;` or `,` separated, header `reference;montant;motif;date`: the EndToEndId of the debit, the amount in euros, the ISO reason code, the day of the return (YYYY-MM-DD or DD/MM/YYYY)",
  })
  @IsString({ message: 'Le fichier des retours doit être un texte.' })
  @MaxLength(MAX_RETURNS_CSV_LENGTH, {
    message: `Le fichier des retours ne doit pas dépasser ${MAX_RETURNS_CSV_LENGTH} caractères.`,
  })
  csv!: string;
}

export class ReturnsImportCommand extends ReturnsImportBody {
  @UuidField("L'identifiant de la régie", 'The régie')
  regieId!: string;
}

export class ReturnLineView {
  @ApiProperty() reference!: string;
  @ApiProperty() reasonCode!: string;
  @ApiProperty() reasonLabel!: string;
  @ApiProperty({
    enum: ['returned', 'already-returned'],
    description: 'already-returned: imported before, nothing changed',
  })
  outcome!: 'returned' | 'already-returned';
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty({ description: 'The mandate was revoked by this return' }) mandateRevoked!: boolean;
}

export class ReturnsImportView {
  @ApiProperty({ type: 'integer' }) returned!: number;
  @ApiProperty({ type: 'integer' }) alreadyReturned!: number;
  @ApiProperty({ type: [ReturnLineView] }) lines!: ReturnLineView[];
}

declare module './requests' {
  interface RequestReplies {
    [SepaSubjects.mandatesListMine]: { request: NoPayload; reply: MandateView[] };
    [SepaSubjects.mandatesCreateMine]: { request: CreateMyMandateCommand; reply: MandateView };
    [SepaSubjects.mandatesAmendMine]: { request: AmendMyMandateCommand; reply: MandateView };
    [SepaSubjects.mandatesRevokeMine]: { request: RevokeMyMandateCommand; reply: MandateView };
    [SepaSubjects.mandatesListForRegie]: { request: RegieMandatesQuery; reply: MandatePage };
    [SepaSubjects.mandatesCreate]: { request: CreateMandateCommand; reply: MandateView };
    [SepaSubjects.mandatesAmend]: { request: AmendMandateCommand; reply: MandateView };
    [SepaSubjects.mandatesRevoke]: { request: RevokeMandateCommand; reply: MandateView };
    [SepaSubjects.debitFilesCreate]: { request: DebitFileCommand; reply: DebitFileView };
    [SepaSubjects.debitFilesList]: { request: RegieRef; reply: DebitFileView[] };
    [SepaSubjects.debitFilesGet]: { request: DebitFileQuery; reply: DebitFileView };
    [SepaSubjects.debitFilesXml]: { request: DebitFileXmlQuery; reply: DebitFileXmlPart };
    [SepaSubjects.returnsImport]: { request: ReturnsImportCommand; reply: ReturnsImportView };
  }
}
