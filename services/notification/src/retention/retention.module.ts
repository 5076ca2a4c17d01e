import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { NotificationRetentionJob } from './notification-retention.job';

@Module({ imports: [ClockModule], providers: [NotificationRetentionJob] })
export class RetentionModule {}
