import { Module } from '@nestjs/common';
import { personalDataController } from '@portail/service-kit';
import { ApplicationStore } from '../applications/application-store';
import { DocumentsModule } from '../documents/documents.module';
import { HouseholdsModule } from '../households/households.module';
import { EnrolmentAccountClosedHandler } from './account-closed.handler';
import { ExportEnrolmentData } from './export-personal-data.use-case';

/** The family's RGPD rights in enrolment: its part of the export, and the closure's erasure. */
@Module({
  imports: [HouseholdsModule, DocumentsModule],
  controllers: [personalDataController('enrolment', ExportEnrolmentData)],
  providers: [ApplicationStore, ExportEnrolmentData, EnrolmentAccountClosedHandler],
})
export class PrivacyModule {}
