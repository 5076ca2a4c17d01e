import type { EntityManager } from 'typeorm';
import {
  SepaErrorCode,
  type MandateView,
  type SepaConsentChannel,
  type SepaMandateState,
  type SepaSequenceType,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/** A `sepa_mandates` row as PostgreSQL returns it, with its régie's name. */
export interface MandateRow {
  id: string;
  regie_id: string;
  regie_name: string;
  household_id: string;
  creditor_id: string;
  rum: string;
  debtor_name: string;
  iban_ciphertext: string;
  iban_masked: string;
  bic: string | null;
  signed_on: string;
  consent_channel: SepaConsentChannel;
  consent_by: string;
  consent_at: Date;
  state: SepaMandateState;
  next_sequence: SepaSequenceType;
  amended_from_ciphertext: string | null;
  amended_other_bank: boolean | null;
  last_collected_on: string | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  created_at: Date;
}

export const MANDATE_SELECT = `
  SELECT m.*, m.signed_on::text AS signed_on, m.last_collected_on::text AS last_collected_on,
    r.name AS regie_name
  FROM sepa_mandates m JOIN regies r ON r.id = m.regie_id`;

export function mandateNotFound(): DomainException {
  return new DomainException(
    SepaErrorCode.SEPA_MANDATE_NOT_FOUND,
    "Ce mandat de prélèvement n'existe pas.",
  );
}

/** The mandate (locked `FOR UPDATE OF m` when asked), or undefined. */
export async function loadMandate(
  manager: EntityManager,
  mandateId: string,
  lock = false,
): Promise<MandateRow | undefined> {
  const [row] = await manager.query<MandateRow[]>(
    `${MANDATE_SELECT} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`,
    [mandateId],
  );
  return row;
}

/** What answers show of a mandate: never the IBAN, only its masked form. */
export function toMandateView(row: MandateRow): MandateView {
  return {
    id: row.id,
    regieId: row.regie_id,
    regieName: row.regie_name,
    householdId: row.household_id,
    rum: row.rum,
    creditorId: row.creditor_id,
    debtorName: row.debtor_name,
    ibanMasked: row.iban_masked,
    bic: row.bic,
    signedOn: row.signed_on,
    consent: {
      channel: row.consent_channel,
      recordedBy: row.consent_by,
      recordedAt: new Date(row.consent_at).toISOString(),
    },
    state: row.state,
    nextSequence: row.next_sequence,
    amendmentPending: row.amended_from_ciphertext !== null,
    lastCollectedOn: row.last_collected_on,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    revocationReason: row.revocation_reason,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
