import type { MunicipalServiceView, OrganisationDetailsView } from '@portail/contracts';
import type { Organisation } from './organisation.entity';

export function toOrganisationView(
  organisation: Organisation,
  services: MunicipalServiceView[] = [],
): OrganisationDetailsView {
  return {
    id: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    inseeCode: organisation.inseeCode ?? null,
    contact: organisation.contact,
    active: organisation.active,
    services,
  };
}
