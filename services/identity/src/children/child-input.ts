import type { EntityManager } from 'typeorm';
import { schoolMisfit, schoolYearOfDay, todayInParis, type ChildInput } from '@portail/contracts';
import { invalidFields } from '../households/household.exception';
import { School } from '../schools/school.entity';
import type { Child } from './child.entity';

/**
 * Writes what the family gave (a full replacement: absent optional parts take their defaults).
 * A school of the directory gives its name when the family did not type one, and must be of
 * the kind the child's class level (or, without one, its age) calls for.
 */
export async function applyChildInput(
  manager: EntityManager,
  child: Child,
  input: ChildInput,
): Promise<void> {
  let schoolName = input.schoolName ?? null;
  if (input.schoolId) {
    const school = await manager.findOneBy(School, { id: input.schoolId });
    if (!school) {
      throw invalidFields([
        { field: 'schoolId', message: "Cette école n'est pas dans l'annuaire." },
      ]);
    }
    // A school of the directory takes children of its kind only (maternelle, élémentaire).
    const misfit = schoolMisfit(
      school,
      {
        firstName: input.firstName,
        birthDate: input.birthDate,
        schoolLevel: input.schoolLevel ?? null,
      },
      schoolYearOfDay(todayInParis()),
    );
    if (misfit) throw invalidFields([{ field: 'schoolId', message: misfit }]);
    schoolName ??= school.name;
  }
  child.firstName = input.firstName;
  child.lastName = input.lastName;
  child.birthDate = input.birthDate;
  child.sex = input.sex;
  child.schoolLevel = input.schoolLevel ?? null;
  child.schoolId = input.schoolId ?? null;
  child.schoolName = schoolName;
  const health = input.health ?? {};
  child.allergies = health.allergies ?? [];
  child.pai = health.pai ?? false;
  child.paiDetails = health.paiDetails ?? null;
  child.doctorName = health.doctorName ?? null;
  child.doctorPhone = health.doctorPhone ?? null;
  const authorisations = input.authorisations ?? {};
  child.imageRights = authorisations.imageRights ?? false;
  child.mayLeaveAlone = authorisations.mayLeaveAlone ?? false;
  child.authorisedPickups = (authorisations.authorisedPickups ?? []).map((pickup) => ({
    name: pickup.name,
    relationship: pickup.relationship,
    phone: pickup.phone,
  }));
}
