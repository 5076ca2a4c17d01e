import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { billingRetentionJob } from './billing-retention.job';

@Module({ imports: [ClockModule], providers: [billingRetentionJob] })
export class RetentionModule {}
