import { Module } from '@nestjs/common';
import { ClockModule } from '@portail/service-kit';
import { reservationRetentionJob } from './reservation-retention.job';

@Module({ imports: [ClockModule], providers: [reservationRetentionJob] })
export class RetentionModule {}
