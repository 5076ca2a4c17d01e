import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { IdentityRetentionJob } from './identity-retention.job';

@Module({ imports: [ClockModule], providers: [IdentityRetentionJob] })
export class RetentionModule {}
