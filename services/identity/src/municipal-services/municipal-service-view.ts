import type { MunicipalServiceView } from '@portail/contracts';
import type { MunicipalService } from './municipal-service.entity';

export function toMunicipalServiceView(service: MunicipalService): MunicipalServiceView {
  return {
    id: service.id,
    organisationId: service.organisationId,
    code: service.code,
    name: service.name,
    category: service.category,
    description: service.description,
    contact: service.contact,
    active: service.active,
  };
}
