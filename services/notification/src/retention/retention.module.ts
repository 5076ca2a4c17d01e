import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { notificationRetentionJob } from './notification-retention.job';

@Module({ imports: [ClockModule], providers: [notificationRetentionJob] })
export class RetentionModule {}
