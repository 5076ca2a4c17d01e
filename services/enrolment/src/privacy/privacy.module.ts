import { Module } from '@nestjs/common';
import { ApplicationStore } from '../applications/application-store';
import { DocumentsModule } from '../documents/documents.module';
import { HouseholdsModule } from '../households/households.module';
import { EnrolmentAccountClosedHandler } from './account-closed.handler';
import { ExportEnrolmentData } from './export-personal-data.use-case';
import { EnrolmentPrivacyController } from './privacy.controller';

/** The family's RGPD rights in enrolment: its part of the export, and the closure's erasure. */
@Module({
  imports: [HouseholdsModule, DocumentsModule],
  controllers: [EnrolmentPrivacyController],
  providers: [ApplicationStore, ExportEnrolmentData, EnrolmentAccountClosedHandler],
})
export class PrivacyModule {}
