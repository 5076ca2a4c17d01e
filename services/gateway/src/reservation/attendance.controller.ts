import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ActivityRef,
  AttendanceListParams,
  AttendanceMonthRef,
  AttendanceMonthView,
  AttendanceSheet,
  CommonErrorCode,
  DirectoryErrorCode,
  RecordAttendanceBody,
  ReservationErrorCode,
  ReservationSubjects,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/**
 * Attendance ("pointage") by the agents of the activity's service: the daily list of a unit at a
 * site, recorded in one batch; a month locked by a supervisor of the service.
 */
@ApiTags('reservation')
@Allow('agent', 'admin')
@Controller('agent')
export class AttendanceController {
  constructor(private readonly services: ServiceClient) {}

  @Get('activities/:activityId/attendance')
  @ApiOperation({
    summary:
      'The daily list of a unit at a site: booked children with allergies, PAI, pick-up persons, and what is recorded',
  })
  @ApiResponse({ status: 200, type: AttendanceSheet })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.ACTIVITY_NOT_FOUND,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    ReservationErrorCode.UNIT_NOT_FOUND,
    ReservationErrorCode.SITE_NOT_FOUND,
  )
  list(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Query() query: AttendanceListParams,
  ): Promise<AttendanceSheet> {
    return this.services.request(
      ReservationSubjects.attendanceGet,
      { ...query, activityId: params.activityId },
      { caller },
    );
  }

  @Put('activities/:activityId/attendance')
  @ApiOperation({
    summary:
      'Record or correct the attendance of the daily list (present, absent-justified with its reason, absent-unjustified, unexpected)',
    description:
      'Corrections are allowed until the month is locked; after it, only a supervisor corrects (recorded afterLock).',
  })
  @ApiResponse({ status: 200, type: AttendanceSheet })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.ACTIVITY_NOT_FOUND,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    ReservationErrorCode.UNIT_NOT_FOUND,
    ReservationErrorCode.SITE_NOT_FOUND,
    ReservationErrorCode.NO_BOOKING_RIGHT,
    ReservationErrorCode.ATTENDANCE_STATUS_MISMATCH,
    ReservationErrorCode.ATTENDANCE_MONTH_LOCKED,
    CommonErrorCode.CONFLICT,
  )
  record(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Body() body: RecordAttendanceBody,
  ): Promise<AttendanceSheet> {
    return this.services.request(
      ReservationSubjects.attendanceRecord,
      { ...body, activityId: params.activityId },
      { caller },
    );
  }

  @Get('services/:municipalServiceId/attendance-months/:month')
  @ApiOperation({ summary: "Whether a service's month of attendance is locked" })
  @ApiResponse({ status: 200, type: AttendanceMonthView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND,
  )
  month(
    @CurrentCaller() caller: Caller,
    @Param() params: AttendanceMonthRef,
  ): Promise<AttendanceMonthView> {
    return this.services.request(ReservationSubjects.attendanceMonthGet, params, { caller });
  }

  @Post('services/:municipalServiceId/attendance-months/:month/lock')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Lock a service's month of attendance (supervisors): final for billing",
    description: 'Locking a locked month returns it unchanged.',
  })
  @ApiResponse({ status: 200, type: AttendanceMonthView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    ReservationErrorCode.SUPERVISOR_ONLY,
    DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND,
  )
  lock(
    @CurrentCaller() caller: Caller,
    @Param() params: AttendanceMonthRef,
  ): Promise<AttendanceMonthView> {
    return this.services.request(ReservationSubjects.attendanceMonthLock, params, { caller });
  }
}
