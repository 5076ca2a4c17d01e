import type { BackendServiceDefinition } from '@portail/service-kit';
import { ApplicationHistory } from './applications/application-history.entity';
import { Application } from './applications/application.entity';
import { ApplicationsModule } from './applications/applications.module';
import { DocumentsModule } from './documents/documents.module';
import { CreateApplications1764500000001 } from './migrations/1764500000001-create-applications';
import { IndexApplicationLists1764500000003 } from './migrations/1764500000003-index-application-lists';
import { CreateDocuments1764500000002 } from './migrations/1764500000002-create-documents';
import { KeepEvidenceDocuments1796500000023 } from './migrations/1796500000023-keep-evidence-documents';
import { ResidenceAndPrefill1796730000002 } from './migrations/1796730000002-residence-and-prefill';
import { Procedure } from './procedures/procedure.entity';
import { ProceduresModule } from './procedures/procedures.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RetentionModule } from './retention/retention.module';
import { RetentionJobState1796820000001 } from './migrations/1796820000001-retention-job-state';

/** Procedures, applications and supporting documents (see DESIGN.md). */
export const enrolmentService: BackendServiceDefinition = {
  name: 'enrolment',
  imports: [ProceduresModule, ApplicationsModule, DocumentsModule, PrivacyModule, RetentionModule],
  entities: [Procedure, Application, ApplicationHistory],
  migrations: [
    CreateApplications1764500000001,
    CreateDocuments1764500000002,
    IndexApplicationLists1764500000003,
    KeepEvidenceDocuments1796500000023,
    ResidenceAndPrefill1796730000002,
    RetentionJobState1796820000001,
  ],
};
