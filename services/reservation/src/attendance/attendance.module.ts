import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceMonths } from './attendance-months.use-case';
import { GetAttendanceSheet } from './get-attendance-sheet.use-case';
import { RecordAttendance } from './record-attendance.use-case';

/** Attendance ("pointage"): agents' daily lists, records and corrections, locked months. */
@Module({
  imports: [ActivitiesModule],
  controllers: [AttendanceController],
  providers: [GetAttendanceSheet, RecordAttendance, AttendanceMonths],
})
export class AttendanceModule {}
