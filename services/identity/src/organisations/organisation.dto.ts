import { IsUUID } from 'class-validator';
import type { GetOrganisationQuery, OrganisationView } from '@portail/contracts';
import type { Organisation } from './organisation.entity';

export class GetOrganisationDto implements GetOrganisationQuery {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  id!: string;
}

export function toOrganisationView(organisation: Organisation): OrganisationView {
  return {
    id: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
  };
}
