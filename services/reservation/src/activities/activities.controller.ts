import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ActivityRef,
  AddClosureCommand,
  AddSiteCommand,
  AddUnitCommand,
  CreateActivityCommand,
  ImportClosuresCommand,
  ListActivitiesQuery,
  ListManagedActivitiesQuery,
  ReservationSubjects,
  type ActivityView,
  type Caller,
  type ClosuresImportView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ConfigureActivity } from './configure-activity.use-case';
import { CreateActivity } from './create-activity.use-case';
import { ImportClosures } from './import-closures.use-case';
import { ListActivities } from './list-activities.use-case';

@Controller()
export class ActivitiesController {
  constructor(
    private readonly createActivity: CreateActivity,
    private readonly configure: ConfigureActivity,
    private readonly listActivities: ListActivities,
    private readonly importClosures: ImportClosures,
  ) {}

  @HandlesRequest(ReservationSubjects.activitiesCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateActivityCommand,
  ): Promise<ActivityView> {
    return this.createActivity.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.activitiesList)
  list(@Payload() query: ListActivitiesQuery): Promise<ActivityView[]> {
    return this.listActivities.all(query);
  }

  @HandlesRequest(ReservationSubjects.activitiesListManaged)
  listManaged(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListManagedActivitiesQuery,
  ): Promise<ActivityView[]> {
    return this.listActivities.managed(caller, query);
  }

  @HandlesRequest(ReservationSubjects.activitiesGet)
  get(@Payload() query: ActivityRef): Promise<ActivityView> {
    return this.listActivities.get(query.activityId);
  }

  @HandlesRequest(ReservationSubjects.unitsAdd)
  addUnit(
    @CurrentCaller() caller: Caller,
    @Payload() command: AddUnitCommand,
  ): Promise<ActivityView> {
    return this.configure.addUnit(caller, command);
  }

  @HandlesRequest(ReservationSubjects.sitesAdd)
  addSite(
    @CurrentCaller() caller: Caller,
    @Payload() command: AddSiteCommand,
  ): Promise<ActivityView> {
    return this.configure.addSite(caller, command);
  }

  @HandlesRequest(ReservationSubjects.closuresAdd)
  addClosure(
    @CurrentCaller() caller: Caller,
    @Payload() command: AddClosureCommand,
  ): Promise<ActivityView> {
    return this.configure.addClosure(caller, command);
  }

  @HandlesRequest(ReservationSubjects.closuresImport)
  importClosuresFile(
    @CurrentCaller() caller: Caller,
    @Payload() command: ImportClosuresCommand,
  ): Promise<ClosuresImportView> {
    return this.importClosures.execute(caller, command);
  }
}
