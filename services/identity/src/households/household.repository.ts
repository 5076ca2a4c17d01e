import type { EntityManager } from 'typeorm';
import type { CommuneOfResidence, GuardianInput, HouseholdView } from '@portail/contracts';
import { Child } from '../children/child.entity';
import { Guardian } from './guardian.entity';
import type { Household } from './household.entity';
import { toHouseholdView } from './household.views';

export function guardiansOf(manager: EntityManager, householdId: string): Promise<Guardian[]> {
  return manager.find(Guardian, { where: { householdId }, order: { createdAt: 'ASC' } });
}

export function childrenOf(manager: EntityManager, householdId: string): Promise<Child[]> {
  return manager.find(Child, {
    where: { householdId },
    order: { birthDate: 'ASC', createdAt: 'ASC' },
  });
}

export async function householdView(
  manager: EntityManager,
  household: Household,
): Promise<HouseholdView> {
  const guardians = await guardiansOf(manager, household.id);
  const children = await childrenOf(manager, household.id);
  return toHouseholdView(household, guardians, children);
}

/** Writes the fields of a guardian given by the family (all of them: a full replacement). */
export function applyGuardianInput(
  guardian: Guardian,
  input: GuardianInput,
  commune: CommuneOfResidence,
): void {
  guardian.civility = input.civility ?? null;
  guardian.firstName = input.firstName;
  guardian.lastName = input.lastName;
  guardian.relationship = input.relationship;
  guardian.phone = input.phone;
  guardian.otherPhone = input.otherPhone ?? null;
  guardian.email = input.email ?? null;
  guardian.addressLine1 = input.address.line1;
  guardian.addressLine2 = input.address.line2 ?? null;
  guardian.postalCode = input.address.postalCode;
  guardian.city = input.address.city;
  guardian.communeOrganisationId = commune.organisationId;
  guardian.communeInseeCode = commune.inseeCode;
  guardian.communeName = commune.name;
}
