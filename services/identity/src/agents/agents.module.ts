import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { MunicipalService } from '../municipal-services/municipal-service.entity';
import { Organisation } from '../organisations/organisation.entity';
import { AgentAssignment } from './agent-assignment.entity';
import { AgentAssignmentScopeReader } from './agent-assignment-scope.reader';
import { AgentViews } from './agent-views';
import { AgentsController } from './agents.controller';
import { CreateAdministrator } from './create-administrator.use-case';
import { CreateAgent } from './create-agent.use-case';
import { GetAgent } from './get-agent.use-case';
import { HouseholdAccess } from './household-access';
import { HouseholdLinksController } from './household-links.controller';
import { HouseholdServiceLink } from './household-service-link.entity';
import { LinkHouseholdService } from './link-household-service.use-case';
import { EnrolmentEventsHandler } from './enrolment-events.handler';
import { ListAgents } from './list-agents.use-case';
import { ListAgentsOfServices } from './list-agents-of-services.use-case';
import { ListHouseholdLinks } from './list-household-links.use-case';
import { SetAgentActive } from './set-agent-active.use-case';
import { SetEditorRole } from './set-editor-role.use-case';
import { StaffAccounts } from './staff-accounts';
import { UpdateAgent } from './update-agent.use-case';

/**
 * Agents and administrators, and what scopes agents: their assignments (read at login by
 * AgentAssignmentScopeReader) and the households' links to services (HouseholdAccess),
 * which enrolment's submitted applications also create (EnrolmentEventsHandler).
 */
@Module({
  imports: [
    AccountsModule,
    TypeOrmModule.forFeature([
      Account,
      AgentAssignment,
      HouseholdServiceLink,
      MunicipalService,
      Organisation,
    ]),
  ],
  controllers: [AgentsController, HouseholdLinksController],
  providers: [
    StaffAccounts,
    AgentViews,
    CreateAgent,
    CreateAdministrator,
    GetAgent,
    ListAgents,
    ListAgentsOfServices,
    UpdateAgent,
    SetAgentActive,
    SetEditorRole,
    AgentAssignmentScopeReader,
    HouseholdAccess,
    LinkHouseholdService,
    ListHouseholdLinks,
    EnrolmentEventsHandler,
  ],
  exports: [
    AgentAssignmentScopeReader,
    HouseholdAccess,
    StaffAccounts,
    CreateAgent,
    CreateAdministrator,
    ListAgents,
    LinkHouseholdService,
  ],
})
export class AgentsModule {}
