import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, HouseholdGuardianSnapshot } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';

/**
 * Billing's copy of identity's households and children: the addressee and address of an
 * invoice, the family quotient and communes (tariffs), the children's names and birth dates
 * (lines, sibling ranks). Each event carries the whole snapshot: the newest one wins, so a
 * redelivered or late older snapshot changes nothing.
 */
@Injectable()
export class HouseholdCopies {
  @HandlesEvent('identity.household.created')
  onCreated(event: EventEnvelope<'identity.household.created'>, manager: EntityManager) {
    return this.upsertHousehold(event, manager);
  }

  @HandlesEvent('identity.household.updated')
  onUpdated(event: EventEnvelope<'identity.household.updated'>, manager: EntityManager) {
    return this.upsertHousehold(event, manager);
  }

  @HandlesEvent('identity.child.created')
  onChildCreated(event: EventEnvelope<'identity.child.created'>, manager: EntityManager) {
    return this.upsertChild(event, manager);
  }

  @HandlesEvent('identity.child.updated')
  onChildUpdated(event: EventEnvelope<'identity.child.updated'>, manager: EntityManager) {
    return this.upsertChild(event, manager);
  }

  private async upsertHousehold(
    event: EventEnvelope<'identity.household.created' | 'identity.household.updated'>,
    manager: EntityManager,
  ): Promise<void> {
    const household = event.payload;
    const guardians: HouseholdGuardianSnapshot[] = household.guardians;
    await manager.query(
      `INSERT INTO households (id, guardians, family_quotient, family_quotient_valid_until, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET guardians = EXCLUDED.guardians,
         family_quotient = EXCLUDED.family_quotient,
         family_quotient_valid_until = EXCLUDED.family_quotient_valid_until,
         updated_at = EXCLUDED.updated_at
       WHERE households.updated_at <= EXCLUDED.updated_at`,
      [
        household.id,
        JSON.stringify(guardians),
        household.familyQuotient,
        household.familyQuotientValidUntil,
        event.occurredAt,
      ],
    );
  }

  private async upsertChild(
    event: EventEnvelope<'identity.child.created' | 'identity.child.updated'>,
    manager: EntityManager,
  ): Promise<void> {
    const child = event.payload;
    await manager.query(
      `INSERT INTO children (id, household_id, first_name, last_name, birth_date, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET household_id = EXCLUDED.household_id,
         first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
         birth_date = EXCLUDED.birth_date, updated_at = EXCLUDED.updated_at
       WHERE children.updated_at <= EXCLUDED.updated_at`,
      [
        child.id,
        child.householdId,
        child.firstName,
        child.lastName,
        child.birthDate,
        event.occurredAt,
      ],
    );
  }
}
