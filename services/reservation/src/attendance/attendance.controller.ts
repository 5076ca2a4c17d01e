import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AttendanceListQuery,
  AttendanceMonthRef,
  RecordAttendanceCommand,
  ReservationSubjects,
  type AttendanceMonthView,
  type AttendanceSheet,
  type Caller,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { AttendanceMonths } from './attendance-months.use-case';
import { GetAttendanceSheet } from './get-attendance-sheet.use-case';
import { RecordAttendance } from './record-attendance.use-case';

@Controller()
export class AttendanceController {
  constructor(
    private readonly sheets: GetAttendanceSheet,
    private readonly recordAttendance: RecordAttendance,
    private readonly months: AttendanceMonths,
  ) {}

  @HandlesRequest(ReservationSubjects.attendanceGet)
  sheet(
    @CurrentCaller() caller: Caller,
    @Payload() query: AttendanceListQuery,
  ): Promise<AttendanceSheet> {
    return this.sheets.execute(caller, query);
  }

  @HandlesRequest(ReservationSubjects.attendanceRecord)
  record(
    @CurrentCaller() caller: Caller,
    @Payload() command: RecordAttendanceCommand,
  ): Promise<AttendanceSheet> {
    return this.recordAttendance.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.attendanceMonthGet)
  month(
    @CurrentCaller() caller: Caller,
    @Payload() ref: AttendanceMonthRef,
  ): Promise<AttendanceMonthView> {
    return this.months.get(caller, ref);
  }

  @HandlesRequest(ReservationSubjects.attendanceMonthLock)
  lock(
    @CurrentCaller() caller: Caller,
    @Payload() ref: AttendanceMonthRef,
  ): Promise<AttendanceMonthView> {
    return this.months.lock(caller, ref);
  }
}
