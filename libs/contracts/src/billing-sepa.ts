/*
 * SEPA direct debit (issue 15): mandates per household and régie, the monthly pain.008 file per
 * régie, the returns the bank reports. Subjects, error codes, states, reason codes and events;
 * the messages are in billing-sepa.messages.ts.
 */

export const SepaSubjects = {
  /** Families: their household's mandates (every régie). */
  mandatesListMine: 'billing.sepa-mandates.list-mine',
  /** Families: a mandate signed online, the consent given through their account. */
  mandatesCreateMine: 'billing.sepa-mandates.create-mine',
  /** Families: a new account (IBAN) on one of their mandates. */
  mandatesAmendMine: 'billing.sepa-mandates.amend-mine',
  /** Families: no more debits on one of their mandates. */
  mandatesRevokeMine: 'billing.sepa-mandates.revoke-mine',
  /** Agents of the régie: its mandates. */
  mandatesListForRegie: 'billing.sepa-mandates.list-for-regie',
  /** Agents of the régie: a paper mandate entered at the counter. */
  mandatesCreate: 'billing.sepa-mandates.create',
  mandatesAmend: 'billing.sepa-mandates.amend',
  mandatesRevoke: 'billing.sepa-mandates.revoke',
  /** Agents of the régie: the debit file of a month (once per régie and month). */
  debitFilesCreate: 'billing.direct-debits.create',
  debitFilesList: 'billing.direct-debits.list',
  /** Agents of the régie: one file with its lines. */
  debitFilesGet: 'billing.direct-debits.get',
  /** Agents of the régie: the pain.008.001.02 document (base64). */
  debitFilesXml: 'billing.direct-debits.xml',
  /** Agents of the régie: the bank's report of returned and rejected debits (CSV). */
  returnsImport: 'billing.direct-debits.import-returns',
} as const;

export enum SepaErrorCode {
  /** The régie has no SEPA creditor in configuration (or billing has no IBAN key). */
  SEPA_NOT_CONFIGURED = 'SEPA_NOT_CONFIGURED',
  /** Also the answer for another household's mandate. */
  SEPA_MANDATE_NOT_FOUND = 'SEPA_MANDATE_NOT_FOUND',
  /** The household already has an active mandate with this régie: amend it instead. */
  SEPA_MANDATE_EXISTS = 'SEPA_MANDATE_EXISTS',
  /** The mandate is revoked or lapsed: nothing may change on it. */
  SEPA_MANDATE_NOT_ACTIVE = 'SEPA_MANDATE_NOT_ACTIVE',
  /** Before the pre-notification delay, or not a TARGET2 business day. */
  SEPA_COLLECTION_DATE_INVALID = 'SEPA_COLLECTION_DATE_INVALID',
  /** No debit file with this id of this régie. */
  SEPA_DEBIT_FILE_NOT_FOUND = 'SEPA_DEBIT_FILE_NOT_FOUND',
  /** The returns file is not the documented CSV: `details.lines` says which lines and why. */
  SEPA_RETURNS_FILE_INVALID = 'SEPA_RETURNS_FILE_INVALID',
}

/** `active` mandates are debited; `revoked` (by the debtor, an agent or a return) and `lapsed` (36 months unused) never again. */
export const SEPA_MANDATE_STATES = ['active', 'revoked', 'lapsed'] as const;
export type SepaMandateState = (typeof SEPA_MANDATE_STATES)[number];

/** FRST for the first collection of a mandate (or after a change of bank), RCUR after. */
export const SEPA_SEQUENCE_TYPES = ['FRST', 'RCUR'] as const;
export type SepaSequenceType = (typeof SEPA_SEQUENCE_TYPES)[number];

/** How the debtor's consent was given: online through the family's account, or on paper at the counter. */
export const SEPA_CONSENT_CHANNELS = ['online', 'paper'] as const;
export type SepaConsentChannel = (typeof SEPA_CONSENT_CHANNELS)[number];

/** A debit is `announced` (in a file, waiting), `paid` (its date passed without return) or `returned`. */
export const SEPA_DEBIT_STATES = ['announced', 'paid', 'returned'] as const;
export type SepaDebitState = (typeof SEPA_DEBIT_STATES)[number];

/**
 * The ISO 20022 reason codes of returned and rejected SEPA debits (EPC guidance on
 * R-transactions), with what the family is told. `revokes`: the mandate can no longer be used
 * (closed account, no mandate, deceased debtor), so it is revoked on import.
 */
export const SEPA_RETURN_REASONS: Readonly<Record<string, { label: string; revokes: boolean }>> = {
  AC01: { label: 'Numéro de compte (IBAN) incorrect', revokes: true },
  AC04: { label: 'Compte clôturé', revokes: true },
  AC06: { label: 'Compte bloqué', revokes: true },
  AC13: { label: 'Compte de débiteur non autorisé aux prélèvements', revokes: true },
  AG01: { label: 'Prélèvement interdit sur ce type de compte', revokes: true },
  AG02: { label: 'Code opération incorrect', revokes: false },
  AM04: { label: 'Provision insuffisante', revokes: false },
  AM05: { label: 'Prélèvement en double', revokes: false },
  BE05: { label: 'Créancier non reconnu', revokes: false },
  CNOR: { label: 'Banque du créancier non joignable', revokes: false },
  DNOR: { label: 'Banque du débiteur non joignable', revokes: false },
  FF01: { label: 'Format de fichier invalide', revokes: false },
  MD01: { label: 'Pas de mandat valide', revokes: true },
  MD02: { label: 'Informations du mandat manquantes ou incorrectes', revokes: false },
  MD06: { label: 'Remboursement demandé par le débiteur', revokes: false },
  MD07: { label: 'Débiteur décédé', revokes: true },
  MS02: { label: 'Refus du débiteur', revokes: false },
  MS03: { label: 'Motif non communiqué par la banque', revokes: false },
  RC01: { label: 'Code BIC incorrect', revokes: false },
  RR01: { label: 'Informations réglementaires manquantes (compte du débiteur)', revokes: false },
  RR02: { label: 'Informations réglementaires manquantes (nom du débiteur)', revokes: false },
  RR03: { label: 'Informations réglementaires manquantes (nom du créancier)', revokes: false },
  RR04: { label: 'Motif réglementaire', revokes: false },
  SL01: { label: 'Service spécifique de la banque du débiteur', revokes: false },
};

/** What the family is told of a reason code (an unknown one says so, with the code). */
export function sepaReturnLabel(code: string): string {
  return SEPA_RETURN_REASONS[code]?.label ?? `Motif bancaire ${code}`;
}

/**
 * One household's part of a debit file, before its collection: the pre-notification the family
 * must receive (amount, date, mandate reference, creditor identifier). Never an IBAN.
 */
export interface DirectDebitAnnounced {
  debitFileId: string;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  collectionDate: string;
  amountCents: number;
  rum: string;
  creditorId: string;
  creditorName: string;
  invoices: Array<{ invoiceId: string; number: number; amountCents: number }>;
}

/** A debit the bank returned or rejected: the invoice is to pay again. Never an IBAN. */
export interface DirectDebitReturned {
  debitId: string;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  invoiceId: string;
  invoiceNumber: number;
  amountCents: number;
  reasonCode: string;
  reasonLabel: string;
  mandateRevoked: boolean;
  returnedOn: string;
}

declare module './events' {
  interface EventPayloads {
    'billing.direct-debit.announced': DirectDebitAnnounced;
    'billing.direct-debit.returned': DirectDebitReturned;
  }
}
