import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, HouseholdGuardianSnapshot } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { HandlesEvent } from '@portail/messaging';
import { addresseeOf, type HouseholdRow } from '../tariffs/family-situation';

export const ANONYMOUS = 'Anonyme';

/**
 * A family closed its account (RGPD). Invoices are accounting documents the régie keeps for ten
 * years (their addressee and lines never change: the database refuses it), so billing keeps
 * them, and keeps on its copy of the household what the days already attended still need to be
 * invoiced and recovered: the addressee (the primary guardian's name and address), the family
 * quotient, the children's names and birth dates. It drops every family account id (nobody
 * reaches the household's invoices through the portal any more) and anonymises the other
 * guardians (name, civility, address). The copy is dated with the closure, so an older snapshot
 * of identity delivered later changes nothing. Runs once per event (inbox); idempotent besides.
 */
@Injectable()
export class BillingAccountClosedHandler {
  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  @HandlesEvent('identity.account.closed')
  async onAccountClosed(
    event: EventEnvelope<'identity.account.closed'>,
    manager: EntityManager,
  ): Promise<void> {
    const { id: accountId, householdId } = event.payload;
    if (!householdId) return;
    const [household] = await manager.query<HouseholdRow[]>(
      `SELECT id, guardians, family_quotient,
              family_quotient_valid_until::text AS family_quotient_valid_until
         FROM households WHERE id = $1 FOR UPDATE`,
      [householdId],
    );
    if (!household) return;
    const addressee = addresseeOf(household);
    const guardians = household.guardians.map((guardian): HouseholdGuardianSnapshot =>
      guardian === addressee
        ? { ...guardian, accountId: null }
        : {
            ...guardian,
            accountId: null,
            civility: null,
            firstName: ANONYMOUS,
            lastName: ANONYMOUS,
            address: null,
          },
    );
    await manager.query(
      `UPDATE households SET guardians = $2::jsonb, updated_at = greatest(updated_at, $3::timestamptz)
        WHERE id = $1`,
      [householdId, JSON.stringify(guardians), event.occurredAt],
    );
    this.logger.info({ accountId, householdId }, 'Billing copy of a closed account anonymised');
  }
}
