/**
 * What the SEPA direct debit specs share: the régie's creditor and the IBAN key in billing's
 * configuration (keyed by the fixture régie's PayFIP number), valid IBANs of a few banks, and
 * a family's online mandate.
 */
import { randomBytes } from 'node:crypto';
import type { MandateView } from '@portail/contracts';
import type { JsonResponse } from '../identity/directory-support';
import { expectStatus } from '../support/directory-actors';
import type { Actor } from '../support/identity-actors';
import { VICHY_REGIE, type PostBillingFixture } from './postbilling-fixture';

export const CREDITOR = {
  creditorId: 'FR72ZZZ123456',
  name: 'Régie Affaires Scolaires de Vichy',
  iban: 'FR7630001007941234567890185',
  bic: 'BDFEFRPPCCT',
};

/** Billing's SEPA settings for the fixture's régie, as a deployment gives them. */
export function sepaEnv(): NodeJS.ProcessEnv {
  return {
    SEPA_CREDITORS: JSON.stringify({ [VICHY_REGIE.payfipCollectivityNumber]: CREDITOR }),
    SEPA_IBAN_KEY: randomBytes(32).toString('base64'),
    SEPA_PRENOTIFICATION_DAYS: '14',
    SEPA_SETTLE_INTERVAL_MS: '86400000',
    // Small parts: the XML download joins several.
    SEPA_XML_PART_BYTES: '1024',
  };
}

/** Valid French IBANs: three at Société Générale (30006), one at La Banque Postale (20041). */
export const IBANS = {
  first: 'FR7630006000011234567890189',
  sameBank: 'FR7630006000019876543210173',
  third: 'FR7630006000015555555555516',
  otherBank: 'FR1420041010050500013M02606',
  bnp: 'FR7630004008230001000000188',
};

/** The family's request to sign a mandate online (its consent given), with `changes`. */
export function signMandate(
  fixture: PostBillingFixture,
  family: Actor,
  changes: Record<string, unknown> = {},
): Promise<JsonResponse<MandateView>> {
  return fixture.call<MandateView>('POST', '/me/direct-debit-mandates', family, {
    regieId: fixture.regie.id,
    debtorName: 'Camille DUMAS',
    iban: IBANS.first,
    signedOn: '2026-10-15',
    consent: true,
    ...changes,
  });
}

/** The family signs a mandate for the fixture's régie online. */
export async function aMandateOf(
  fixture: PostBillingFixture,
  family: Actor,
  iban: string,
): Promise<MandateView> {
  return expectStatus(await signMandate(fixture, family, { iban }), 201);
}

/** The family's mandates, as it reads them. */
export async function mandatesOf(
  fixture: PostBillingFixture,
  family: Actor,
): Promise<MandateView[]> {
  return expectStatus(
    await fixture.call<MandateView[]>('GET', '/me/direct-debit-mandates', family),
    200,
  );
}

/** Every character of an IBAN written anywhere, spaced or not. */
export function ibanPattern(iban: string): RegExp {
  return new RegExp(iban.split('').join('\\s?'), 'i');
}
