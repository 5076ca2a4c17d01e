import type { SchoolView } from '@portail/contracts';
import type { School } from './school.entity';

export function toSchoolView(school: School): SchoolView {
  return {
    id: school.id,
    organisationId: school.organisationId,
    name: school.name,
    kind: school.kind,
    address: school.address,
    phone: school.phone,
    directorName: school.directorName,
    active: school.active,
  };
}
