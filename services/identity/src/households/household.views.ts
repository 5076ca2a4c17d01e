import type {
  ChildSnapshot,
  ChildView,
  GuardianView,
  HouseholdChangeView,
  HouseholdGuardianSnapshot,
  HouseholdSnapshot,
  HouseholdView,
} from '@portail/contracts';
import type { Child } from '../children/child.entity';
import type { Guardian } from './guardian.entity';
import type { HouseholdChange } from './household-change.entity';
import type { Household } from './household.entity';

export function toGuardianView(guardian: Guardian): GuardianView {
  return {
    id: guardian.id,
    householdId: guardian.householdId,
    primary: guardian.primary,
    accountId: guardian.accountId,
    civility: guardian.civility,
    firstName: guardian.firstName,
    lastName: guardian.lastName,
    relationship: guardian.relationship,
    phone: guardian.phone,
    otherPhone: guardian.otherPhone,
    email: guardian.email,
    address:
      guardian.addressLine1 !== null && guardian.postalCode !== null && guardian.city !== null
        ? {
            line1: guardian.addressLine1,
            line2: guardian.addressLine2,
            postalCode: guardian.postalCode,
            city: guardian.city,
          }
        : null,
    commune:
      guardian.communeName !== null
        ? {
            organisationId: guardian.communeOrganisationId,
            inseeCode: guardian.communeInseeCode,
            name: guardian.communeName,
          }
        : null,
  };
}

export function toChildView(child: Child): ChildView {
  return {
    id: child.id,
    householdId: child.householdId,
    firstName: child.firstName,
    lastName: child.lastName,
    birthDate: child.birthDate,
    sex: child.sex,
    schoolLevel: child.schoolLevel,
    schoolId: child.schoolId,
    schoolName: child.schoolName,
    health: {
      allergies: child.allergies,
      pai: child.pai,
      paiDetails: child.paiDetails,
      doctorName: child.doctorName,
      doctorPhone: child.doctorPhone,
    },
    authorisations: {
      imageRights: child.imageRights,
      mayLeaveAlone: child.mayLeaveAlone,
      authorisedPickups: child.authorisedPickups,
    },
    createdAt: child.createdAt.toISOString(),
    updatedAt: child.updatedAt.toISOString(),
  };
}

/** Primary guardian first, then by creation. */
export function sortGuardians(guardians: Guardian[]): Guardian[] {
  return [...guardians].sort(
    (a, b) =>
      Number(b.primary) - Number(a.primary) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
}

export function toHouseholdView(
  household: Household,
  guardians: Guardian[],
  children: Child[],
): HouseholdView {
  return {
    id: household.id,
    cafNumber: household.cafNumber,
    familyQuotient: household.familyQuotient,
    familyQuotientValidUntil: household.familyQuotientValidUntil,
    guardians: sortGuardians(guardians).map(toGuardianView),
    children: children.map(toChildView),
    createdAt: household.createdAt.toISOString(),
    updatedAt: household.updatedAt.toISOString(),
  };
}

export function toHouseholdChangeView(change: HouseholdChange): HouseholdChangeView {
  return {
    id: change.id,
    householdId: change.householdId,
    at: change.at.toISOString(),
    actor: { accountId: change.actorAccountId, kind: change.actorKind },
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    before: change.before,
    after: change.after,
  };
}

// What the history keeps of each entity: its view without ids and timestamps.

export function householdRecord(household: Household): Record<string, unknown> {
  return {
    cafNumber: household.cafNumber,
    familyQuotient: household.familyQuotient,
    familyQuotientValidUntil: household.familyQuotientValidUntil,
  };
}

export function guardianRecord(guardian: Guardian): Record<string, unknown> {
  const view: Partial<GuardianView> = toGuardianView(guardian);
  delete view.id;
  delete view.householdId;
  return view;
}

export function childRecord(child: Child): Record<string, unknown> {
  const view: Partial<ChildView> = toChildView(child);
  delete view.id;
  delete view.householdId;
  delete view.createdAt;
  delete view.updatedAt;
  return view;
}

// Event payloads (see the contracts for why they carry what they carry).

function toGuardianSnapshot(guardian: Guardian): HouseholdGuardianSnapshot {
  const view = toGuardianView(guardian);
  return {
    id: view.id,
    accountId: view.accountId,
    primary: view.primary,
    civility: view.civility,
    firstName: view.firstName,
    lastName: view.lastName,
    address: view.address,
    commune: view.commune,
  };
}

export function toHouseholdSnapshot(
  household: Household,
  guardians: Guardian[],
): HouseholdSnapshot {
  return {
    id: household.id,
    guardians: sortGuardians(guardians).map(toGuardianSnapshot),
    cafNumber: household.cafNumber,
    familyQuotient: household.familyQuotient,
    familyQuotientValidUntil: household.familyQuotientValidUntil,
  };
}

export function toChildSnapshot(child: Child): ChildSnapshot {
  return {
    id: child.id,
    householdId: child.householdId,
    firstName: child.firstName,
    lastName: child.lastName,
    birthDate: child.birthDate,
    schoolLevel: child.schoolLevel,
    schoolId: child.schoolId,
    schoolName: child.schoolName,
  };
}
