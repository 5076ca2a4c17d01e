import type { BackendServiceDefinition } from '@portail/service-kit';
import { CreateOrganisations1764180000000 } from './migrations/1764180000000-create-organisations';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationsModule } from './organisations/organisations.module';

/** The directory, accounts and households (see DESIGN.md). */
export const identityService: BackendServiceDefinition = {
  name: 'identity',
  imports: [OrganisationsModule],
  entities: [Organisation],
  migrations: [CreateOrganisations1764180000000],
};
