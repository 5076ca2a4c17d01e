import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { identityRetentionJob } from './identity-retention.job';

@Module({ imports: [ClockModule], providers: [identityRetentionJob] })
export class RetentionModule {}
