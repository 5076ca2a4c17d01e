import type { BackendServiceDefinition } from '@portail/service-kit';
import { Account } from './accounts/account.entity';
import { AgentAssignment } from './agents/agent-assignment.entity';
import { AgentsModule } from './agents/agents.module';
import { HouseholdServiceLink } from './agents/household-service-link.entity';
import { AuditLogEntry } from './audit/audit-log-entry.entity';
import { AuditModule } from './audit/audit.module';
import { ExtendDirectory1764230000001 } from './migrations/1764230000001-extend-directory';
import { CreateAgentAssignments1764230000002 } from './migrations/1764230000002-create-agent-assignments';
import { MunicipalService } from './municipal-services/municipal-service.entity';
import { MunicipalServicesModule } from './municipal-services/municipal-services.module';
import { School } from './schools/school.entity';
import { SchoolsModule } from './schools/schools.module';
import { AccountsModule } from './accounts/accounts.module';
import { CreateOrganisations1764180000000 } from './migrations/1764180000000-create-organisations';
import { CreateAccounts1764210000000 } from './migrations/1764210000000-create-accounts';
import { CreateAccountTokens1764220000001 } from './migrations/1764220000001-create-account-tokens';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationsModule } from './organisations/organisations.module';
import { AccountToken } from './tokens/account-token.entity';
import { Child } from './children/child.entity';
import { Guardian } from './households/guardian.entity';
import { HouseholdChange } from './households/household-change.entity';
import { Household } from './households/household.entity';
import { HouseholdsModule } from './households/households.module';
import { CreateHouseholds1764240000001 } from './migrations/1764240000001-create-households';
import { HouseholdServiceLinksFk1764250000001 } from './migrations/1764250000001-household-service-links-fk';
import { CredentialFailures1796500000030 } from './migrations/1796500000030-credential-failures';
import { CommuneInseeCodes1796730000001 } from './migrations/1796730000001-commune-insee-codes';
import { AgentEditorRole1796760000002 } from './migrations/1796760000002-agent-editor-role';
import { RetentionTimedJobs1796760000003 } from './migrations/1796760000003-retention-timed-jobs';
import { RetentionModule } from './retention/retention.module';
import { RefreshTokenSessionStart1764260000001 } from './migrations/1764260000001-refresh-token-session-start';
import { PrivacyModule } from './privacy/privacy.module';
import { RefreshToken } from './tokens/refresh-token.entity';

/**
 * The directory, accounts and households (see DESIGN.md). Each module adds itself to these
 * lists; migrations run in the order of the timestamps in their names.
 */
export const identityService: BackendServiceDefinition = {
  name: 'identity',
  imports: [
    OrganisationsModule,
    AccountsModule,
    MunicipalServicesModule,
    SchoolsModule,
    AgentsModule,
    AuditModule,
    HouseholdsModule,
    PrivacyModule,
    RetentionModule,
  ],
  entities: [
    Organisation,
    Account,
    AccountToken,
    RefreshToken,
    MunicipalService,
    School,
    AgentAssignment,
    HouseholdServiceLink,
    AuditLogEntry,
    Household,
    Guardian,
    Child,
    HouseholdChange,
  ],
  migrations: [
    CreateOrganisations1764180000000,
    CreateAccounts1764210000000,
    CreateAccountTokens1764220000001,
    ExtendDirectory1764230000001,
    CreateAgentAssignments1764230000002,
    CreateHouseholds1764240000001,
    HouseholdServiceLinksFk1764250000001,
    RefreshTokenSessionStart1764260000001,
    CredentialFailures1796500000030,
    CommuneInseeCodes1796730000001,
    AgentEditorRole1796760000002,
    RetentionTimedJobs1796760000003,
  ],
};
