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
  ActivityBookingsParams,
  ActivityRef,
  BookingRef,
  BookingView,
  DecideBookingBody,
  ActivityView,
  AddClosureBody,
  AddSiteBody,
  AddUnitBody,
  CommonErrorCode,
  CreateActivityCommand,
  DirectoryErrorCode,
  ListActivitiesQuery,
  ListManagedActivitiesQuery,
  OccupancyLine,
  OccupancyQueryParams,
  ReservationErrorCode,
  ReservationSubjects,
  SetCapacityBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/** Bookable activities, their units, sites and closures: read by anyone signed in. */
@ApiTags('reservation')
@Allow('family', 'agent', 'admin')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The bookable activities (of one organisation)' })
  @ApiResponse({ status: 200, type: [ActivityView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListActivitiesQuery,
  ): Promise<ActivityView[]> {
    return this.services.request(ReservationSubjects.activitiesList, query, { caller });
  }

  @Get(':activityId')
  @ApiOperation({ summary: 'One activity: units, notice periods, sites, capacities, closures' })
  @ApiResponse({ status: 200, type: ActivityView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.ACTIVITY_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: ActivityRef): Promise<ActivityView> {
    return this.services.request(ReservationSubjects.activitiesGet, params, { caller });
  }
}

const MANAGED = [
  CommonErrorCode.VALIDATION_FAILED,
  ReservationErrorCode.ACTIVITY_NOT_FOUND,
  ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
] as const;

/** Agents manage the activities of their services, administrators those of any. */
@ApiTags('reservation')
@Allow('agent', 'admin')
@Controller('agent/activities')
export class ManagedActivitiesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The activities of your services (all for administrators)' })
  @ApiResponse({ status: 200, type: [ActivityView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListManagedActivitiesQuery,
  ): Promise<ActivityView[]> {
    return this.services.request(ReservationSubjects.activitiesListManaged, query, { caller });
  }

  @Post()
  @ApiOperation({ summary: 'Open an activity of one of your services to booking' })
  @ApiResponse({ status: 201, type: ActivityView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND,
    ReservationErrorCode.DUPLICATE_ACTIVITY_CODE,
  )
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateActivityCommand,
  ): Promise<ActivityView> {
    return this.services.request(ReservationSubjects.activitiesCreate, body, { caller });
  }

  @Post(':activityId/units')
  @ApiOperation({
    summary: 'Add a unit (meal, care, Wednesday…) with its hours, weekdays and notice periods',
    description: '400 VALIDATION_FAILED also covers a notice policy that does not parse.',
  })
  @ApiResponse({ status: 201, type: ActivityView })
  @ApiProblems(...MANAGED, ReservationErrorCode.DUPLICATE_ACTIVITY_CODE)
  addUnit(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Body() body: AddUnitBody,
  ): Promise<ActivityView> {
    return this.services.request(
      ReservationSubjects.unitsAdd,
      { ...body, activityId: params.activityId },
      { caller },
    );
  }

  @Post(':activityId/sites')
  @ApiOperation({ summary: 'Add a site (a school, a leisure centre)' })
  @ApiResponse({ status: 201, type: ActivityView })
  @ApiProblems(...MANAGED)
  addSite(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Body() body: AddSiteBody,
  ): Promise<ActivityView> {
    return this.services.request(
      ReservationSubjects.sitesAdd,
      { ...body, activityId: params.activityId },
      { caller },
    );
  }

  @Put(':activityId/capacities')
  @ApiOperation({ summary: 'Set the capacity of a unit at a site, by default or on one day' })
  @ApiResponse({ status: 200, type: ActivityView })
  @ApiProblems(...MANAGED, ReservationErrorCode.UNIT_NOT_FOUND, ReservationErrorCode.SITE_NOT_FOUND)
  setCapacity(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Body() body: SetCapacityBody,
  ): Promise<ActivityView> {
    return this.services.request(
      ReservationSubjects.capacitiesSet,
      { ...body, activityId: params.activityId },
      { caller },
    );
  }

  @Post(':activityId/closures')
  @ApiOperation({ summary: 'Close the activity, or one site, from a day to a day' })
  @ApiResponse({ status: 201, type: ActivityView })
  @ApiProblems(...MANAGED, ReservationErrorCode.SITE_NOT_FOUND)
  addClosure(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Body() body: AddClosureBody,
  ): Promise<ActivityView> {
    return this.services.request(
      ReservationSubjects.closuresAdd,
      { ...body, activityId: params.activityId },
      { caller },
    );
  }

  @Get(':activityId/occupancy')
  @ApiOperation({
    summary: 'Booked, capacity, waiting and pending per site, unit and day (days with a booking)',
  })
  @ApiResponse({ status: 200, type: [OccupancyLine] })
  @ApiProblems(...MANAGED)
  occupancy(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Query() query: OccupancyQueryParams,
  ): Promise<OccupancyLine[]> {
    return this.services.request(
      ReservationSubjects.occupancyGet,
      { ...query, activityId: params.activityId },
      { caller },
    );
  }

  @Get(':activityId/bookings')
  @ApiOperation({
    summary:
      'The bookings of a day, in request order (status=pending: the late requests to decide)',
  })
  @ApiResponse({ status: 200, type: [BookingView] })
  @ApiProblems(...MANAGED)
  bookings(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Query() query: ActivityBookingsParams,
  ): Promise<BookingView[]> {
    return this.services.request(
      ReservationSubjects.bookingsListForActivity,
      { ...query, activityId: params.activityId },
      { caller },
    );
  }
}

/** Agents decide the late requests of their services' activities. */
@ApiTags('reservation')
@Allow('agent', 'admin')
@Controller('agent/bookings')
export class AgentBookingsController {
  constructor(private readonly services: ServiceClient) {}

  @Post(':bookingId/decision')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept (a place, else the waiting list) or refuse a late request (pending)',
  })
  @ApiResponse({ status: 200, type: BookingView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_NOT_FOUND,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    ReservationErrorCode.BOOKING_NOT_PENDING,
  )
  decide(
    @CurrentCaller() caller: Caller,
    @Param() params: BookingRef,
    @Body() body: DecideBookingBody,
  ): Promise<BookingView> {
    return this.services.request(
      ReservationSubjects.bookingsDecide,
      { ...body, bookingId: params.bookingId },
      { caller },
    );
  }
}
