import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { DocumentsModule } from '../documents/documents.module';
import { enrolmentRetentionJob } from './enrolment-retention.job';

@Module({ imports: [ClockModule, DocumentsModule], providers: [enrolmentRetentionJob] })
export class RetentionModule {}
