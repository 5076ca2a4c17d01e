import { extractIBAN } from 'ibantools';
import { DateTime } from 'luxon';
import type { SepaSequenceType } from '@portail/contracts';

/** The characters a SEPA identifier (RUM, EndToEndId) may hold (EPC: Latin character set, no `&`). */
export const SEPA_ID_PATTERN = /^[A-Za-z0-9+?/:().,' -]{1,35}$/;

/** A mandate unused this many months lapses (SDD Core rulebook, 36 months after the last collection). */
export const MANDATE_LAPSE_MONTHS = 36;

/**
 * The unique mandate reference: `R`, the régie's PayFIP number, a dash and the creditor's
 * sequence on 7 digits (`R000070-0000042`): unique per creditor, at most 35 characters.
 */
export function formatRum(regieCode: string, sequence: number): string {
  const rum = `R${regieCode}-${String(sequence).padStart(7, '0')}`;
  if (!SEPA_ID_PATTERN.test(rum)) throw new Error('The RUM does not fit the SEPA identifier rules');
  return rum;
}

/**
 * `FR7630006000011234567890189` → `FR76 **** **** **** **** **** 189`: the country and check
 * digits and the last three characters stay, grouped by four as printed on a RIB.
 */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  const masked = compact.slice(0, 4) + compact.slice(4, -3).replace(/./g, '*') + compact.slice(-3);
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The bank of an IBAN (its national bank code), to tell a change of bank from a change of account. */
export function bankOf(iban: string): string {
  const parts = extractIBAN(iban);
  return `${parts.countryCode ?? iban.slice(0, 2)}:${parts.bankIdentifier ?? parts.bban?.slice(0, 5) ?? ''}`;
}

/**
 * A new account on a mandate: the next debit carries the amendment (AmdmntInd true). At another
 * bank it goes as FRST with the original debtor agent `SMNDA`; at the same bank it stays RCUR
 * (if it was) with the original debtor account. FRST at a new bank is what the rulebook asked
 * before 2016 and still accepts since (v9.2 made FRST optional): the safe choice for every bank.
 */
export function sequenceAfterAmendment(
  current: SepaSequenceType,
  oldIban: string,
  newIban: string,
): { sequence: SepaSequenceType; otherBank: boolean } {
  const otherBank = bankOf(oldIban) !== bankOf(newIban);
  return { sequence: otherBank ? 'FRST' : current, otherBank };
}

/** Whether a mandate last used (or signed) on `lastUse` has lapsed by `on` (both YYYY-MM-DD). */
export function hasLapsed(lastUse: string, on: string): boolean {
  return DateTime.fromISO(lastUse).plus({ months: MANDATE_LAPSE_MONTHS }) <= DateTime.fromISO(on);
}
