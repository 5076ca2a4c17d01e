import type { EntityManager } from 'typeorm';
import { Child } from '../children/child.entity';
import { Guardian } from '../households/guardian.entity';
import { HouseholdChange } from '../households/household-change.entity';
import { Household } from '../households/household.entity';

export const ANONYMOUS = 'Anonyme';

/**
 * Erases the personal data of a household at its account's closure: names replaced, contact
 * details, addresses, CAF data, health and authorisations removed, the history's contents
 * emptied (who and when stay, without what). A child keeps only its year of birth, for
 * statistics by age. Returns the ids of the children, for the event.
 */
export async function anonymiseHousehold(
  manager: EntityManager,
  household: Household,
  at: Date,
): Promise<string[]> {
  await manager.update(
    Household,
    { id: household.id },
    { cafNumber: null, familyQuotient: null, familyQuotientValidUntil: null, anonymisedAt: at },
  );
  await manager.update(
    Guardian,
    { householdId: household.id },
    {
      accountId: null,
      civility: null,
      firstName: ANONYMOUS,
      lastName: ANONYMOUS,
      phone: null,
      otherPhone: null,
      email: null,
      addressLine1: null,
      addressLine2: null,
      postalCode: null,
      city: null,
      communeOrganisationId: null,
      communeInseeCode: null,
      communeName: null,
    },
  );
  const children = await manager.find(Child, { where: { householdId: household.id } });
  for (const child of children) {
    await manager.update(
      Child,
      { id: child.id },
      {
        firstName: ANONYMOUS,
        lastName: ANONYMOUS,
        birthDate: `${child.birthDate.slice(0, 4)}-01-01`,
        sex: null,
        schoolLevel: null,
        schoolId: null,
        schoolName: null,
        allergies: [],
        pai: false,
        paiDetails: null,
        doctorName: null,
        doctorPhone: null,
        imageRights: false,
        mayLeaveAlone: false,
        authorisedPickups: [],
      },
    );
  }
  await manager.update(
    HouseholdChange,
    { householdId: household.id },
    { before: null, after: null },
  );
  return children.map((child) => child.id);
}
