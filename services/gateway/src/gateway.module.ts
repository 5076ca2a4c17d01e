import { Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { NatsConnection } from 'nats';
import {
  NatsHealthIndicator,
  ProbeController,
  READINESS_CHECKS,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@portail/service-kit';
import { AccountsController } from './accounts/accounts.controller';
import { AuthController } from './accounts/auth.controller';
import { credentialsThrottler } from './accounts/credentials-throttle';
import { MeController } from './accounts/me.controller';
import { HouseholdsController } from './households/households.controller';
import { PrivacyController } from './privacy/privacy.controller';
import { AuthGuard } from './auth/auth.guard';
import { JwksCache } from './auth/jwks.cache';
import { RevokedSessions } from './auth/revoked-sessions';
import type { GatewayConfig } from './config';
import { AgentsController } from './agents/agents.controller';
import { EditorRoleController } from './agents/editor-role.controller';
import { HouseholdLinksController } from './agents/household-links.controller';
import { AuditLogController } from './audit/audit-log.controller';
import { ContentEditingController } from './content/content-editing.controller';
import { ContentPublicController } from './content/content-public.controller';
import { MunicipalServicesController } from './directory/municipal-services.controller';
import { OrganisationsController } from './directory/organisations.controller';
import { SchoolsController } from './directory/schools.controller';
import { AgentApplicationsController } from './enrolment/agent-applications.controller';
import {
  ActivitiesController,
  AgentBookingsController,
  ManagedActivitiesController,
} from './reservation/activities.controller';
import { BookingsController } from './reservation/bookings.controller';
import { OffersController } from './reservation/offers.controller';
import { AttendanceController } from './reservation/attendance.controller';
import {
  CalendarFeedsController,
  ChildCalendarFeedController,
  ClosuresImportController,
} from './reservation/calendar-feeds.controller';
import { CounterBookingsController } from './reservation/counter-bookings.controller';
import { RecurringBookingsController } from './reservation/recurring-bookings.controller';
import { MyApplicationsController } from './enrolment/applications.controller';
import {
  ManagedProceduresController,
  ProceduresController,
} from './enrolment/procedures.controller';
import {
  DocumentUploadAdmission,
  DocumentUploadBodyParser,
} from './enrolment/document-upload-body';
import { AgentDocumentsController, MyDocumentsController } from './enrolment/documents.controller';
import { GATEWAY_CONFIG } from './gateway.tokens';
import { SystemHealthController } from './health/system-health.controller';
import { NatsModule } from './nats/nats.module';
import { NATS_CONNECTION } from './nats/nats-connection';
import { rateLimitBucketOf, SharedThrottlerStorage } from './rate-limits/shared-throttler-storage';
import { gatewayValidationPipe } from './problems/gateway-validation.pipe';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import {
  NotificationPreferencesController,
  NotificationsController,
} from './notifications/notifications.controller';
import { OutgoingMessagesController } from './notifications/outgoing-messages.controller';
import {
  AgentInvoicesController,
  MyInvoicesController,
  RegiesController,
} from './billing/billing.controllers';
import {
  CounterPaymentsController,
  MyInvoicePaymentsController,
  MyPaymentsController,
} from './billing/payments.controllers';
import { PayfipCallbacksController } from './billing/payfip.controllers';
import { CardNotificationsController } from './billing/card.controllers';
import { MyMandatesController, RegieDirectDebitsController } from './billing/sepa.controllers';
import { MyBasketsController } from './billing/baskets.controllers';
import {
  AgentCreditNotesController,
  CorrectiveRunsController,
  CreditNotesController,
  MyCreditNotesController,
} from './billing/credit-notes.controllers';
import { EstimatesController } from './billing/estimates.controllers';
import { RunExportsController } from './billing/exports.controllers';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, runtime: ServiceRuntime): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        NatsModule,
        ThrottlerModule.forRootAsync({
          inject: [NATS_CONNECTION],
          useFactory: (connection: NatsConnection) => ({
            throttlers: [
              {
                name: 'default',
                ttl: 60_000,
                limit: config.RATE_LIMIT_PER_MINUTE,
                // Kubernetes and compose probes (/health/live, /health/ready) are never limited;
                // every public route, /api/v1/health included, is.
                skipIf: (context: ExecutionContext) => context.getClass() === ProbeController,
              },
              credentialsThrottler(config),
            ],
            // Counted across every gateway replica (a JetStream KV bucket), not per replica.
            storage: new SharedThrottlerStorage(
              connection,
              rateLimitBucketOf(config.EVENTS_STREAM),
            ),
          }),
        }),
      ],
      controllers: [
        ProbeController,
        SystemHealthController,
        OrganisationsController,
        MunicipalServicesController,
        SchoolsController,
        AgentsController,
        EditorRoleController,
        HouseholdLinksController,
        AuditLogController,
        AccountsController,
        AuthController,
        MeController,
        HouseholdsController,
        PrivacyController,
        ContentPublicController,
        ContentEditingController,
        ProceduresController,
        ManagedProceduresController,
        MyApplicationsController,
        AgentApplicationsController,
        MyDocumentsController,
        AgentDocumentsController,
        ActivitiesController,
        ManagedActivitiesController,
        BookingsController,
        RecurringBookingsController,
        AgentBookingsController,
        OffersController,
        AttendanceController,
        ChildCalendarFeedController,
        CalendarFeedsController,
        ClosuresImportController,
        CounterBookingsController,
        NotificationsController,
        NotificationPreferencesController,
        OutgoingMessagesController,
        RegiesController,
        AgentInvoicesController,
        MyInvoicesController,
        CounterPaymentsController,
        MyInvoicePaymentsController,
        MyPaymentsController,
        PayfipCallbacksController,
        MyBasketsController,
        CreditNotesController,
        CorrectiveRunsController,
        AgentCreditNotesController,
        MyCreditNotesController,
        RunExportsController,
        EstimatesController,
        CardNotificationsController,
        MyMandatesController,
        RegieDirectDebitsController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: READINESS_CHECKS, useValue: [] },
        NatsHealthIndicator,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: gatewayValidationPipe },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        JwksCache,
        RevokedSessions,
        AuthGuard,
        DocumentUploadBodyParser,
        DocumentUploadAdmission,
      ],
      exports: [GATEWAY_CONFIG, SERVICE_RUNTIME],
    };
  }
}
