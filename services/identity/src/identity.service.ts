import type { BackendServiceDefinition } from '@portail/service-kit';
import { Account } from './accounts/account.entity';
import { CreateOrganisations1764180000000 } from './migrations/1764180000000-create-organisations';
import { CreateAccounts1764210000000 } from './migrations/1764210000000-create-accounts';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationsModule } from './organisations/organisations.module';

/**
 * The directory, accounts and households (see DESIGN.md). Each module adds itself to these
 * lists; migrations run in the order of the timestamps in their names.
 */
export const identityService: BackendServiceDefinition = {
  name: 'identity',
  imports: [OrganisationsModule],
  entities: [Organisation, Account],
  migrations: [CreateOrganisations1764180000000, CreateAccounts1764210000000],
};
