import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateCalendarFeedCommand,
  ReadCalendarFeedQuery,
  ReservationSubjects,
  RevokeCalendarFeedCommand,
  type CalendarFeedFile,
  type CalendarFeedRevoked,
  type CalendarFeedView,
  type Caller,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ManageCalendarFeed } from './manage-calendar-feed.use-case';
import { ReadCalendarFeed } from './read-calendar-feed.use-case';

@Controller()
export class CalendarFeedsController {
  constructor(
    private readonly manage: ManageCalendarFeed,
    private readonly read: ReadCalendarFeed,
  ) {}

  @HandlesRequest(ReservationSubjects.calendarFeedsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateCalendarFeedCommand,
  ): Promise<CalendarFeedView> {
    return this.manage.create(caller, command);
  }

  @HandlesRequest(ReservationSubjects.calendarFeedsRevoke)
  revoke(
    @CurrentCaller() caller: Caller,
    @Payload() command: RevokeCalendarFeedCommand,
  ): Promise<CalendarFeedRevoked> {
    return this.manage.revoke(caller, command);
  }

  /** Public: the token is the only credential. */
  @HandlesRequest(ReservationSubjects.calendarFeedsRead)
  feed(@Payload() query: ReadCalendarFeedQuery): Promise<CalendarFeedFile> {
    return this.read.execute(query);
  }
}
